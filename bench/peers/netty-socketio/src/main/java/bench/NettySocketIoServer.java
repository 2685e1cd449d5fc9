package bench;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;

/** netty-socketio 2.0.14 with the benchmark's handlers, one I/O thread. usage: port. */
public final class NettySocketIoServer {

    public static void main(String[] args) throws Exception {
        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(Integer.parseInt(args[0]));
        config.setBossThreads(1);
        config.setWorkerThreads(1);
        config.setTransports(Transport.WEBSOCKET, Transport.POLLING);
        config.setWebsocketCompression(false);
        config.setHttpCompression(false);
        SocketConfig socket = new SocketConfig();
        socket.setReuseAddress(true);
        socket.setTcpNoDelay(true);
        config.setSocketConfig(socket);
        SocketIOServer server = new SocketIOServer(config);
        server.addEventListener("echo", Object.class, (client, data, ack) -> client.sendEvent("echo", data));
        server.addEventListener("echoack", Object.class, (client, data, ack) -> ack.sendAckData(data));
        server.addEventListener("join", String.class, (client, room, ack) -> client.joinRoom(room));
        server.addEventListener("fanout", Object.class, (client, data, ack) ->
                server.getRoomOperations("room").sendEvent("fan", data));
        server.start();
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
