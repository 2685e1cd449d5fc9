package bench;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * netty-socketio 2.0.14 with the benchmark's handlers: one worker (I/O) thread on epoll, listeners on it (the library's
 * only mode), no compression. usage: port. Prints READY, then answers the bench's admin lines on stdin as
 * io.socketeer.bench.Admin does: "heap" → "HEAP <live bytes after a full GC>", "alloc" → "ALLOC <bytes>".
 */
public final class NettySocketIoServer {

    private NettySocketIoServer() {
    }

    public static void main(String[] args) throws Exception {
        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(Integer.parseInt(args[0]));
        config.setBossThreads(1);
        config.setWorkerThreads(1);
        config.setUseLinuxNativeEpoll(true); // the same transport as ours in the benchmark
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
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "heap" -> {
                        System.gc();
                        System.gc();
                        System.out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    }
                    case "alloc" -> {
                        com.sun.management.ThreadMXBean threads =
                                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                        long sum = 0;
                        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                            sum += Math.max(0, bytes);
                        }
                        System.out.println("ALLOC " + sum);
                    }
                    default -> System.out.println("? " + line);
                }
            }
        }
        Thread.currentThread().join();
    }
}
