package io.socketeer.bench;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;

/**
 * Our server with the benchmark's handlers: echo, acknowledged echo, join, fan-out to "room". One I/O thread,
 * listeners on it (the fastest configuration), no compression. usage: port [pool] — "pool" runs the listeners
 * on the default executor instead.
 */
public final class OurServer {

    private OurServer() {
    }

    /**
     * Starts the server and prints READY.
     *
     * @param args the port, and optionally "pool"
     */
    public static void main(String[] args) {
        boolean onLoop = args.length < 2 || !args[1].equals("pool");
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().path("/socket.io/").httpCompression(false).build())
                .serveClient(false)
                .handlersOnEventLoop(onLoop)
                .ioThreads(1)
                .build());
        io.onConnection(socket -> {
            socket.on("echo", args2 -> socket.emit("echo", args2.toArray()));
            socket.on("echoack", (args2, ack) -> ack.send(args2.toArray()));
            socket.on("join", args2 -> socket.join(args2.getString(0)));
            socket.on("fanout", args2 -> io.to("room").emit("fan", args2.get(0)));
        });
        io.start(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]))).join();
        System.out.println("READY");
    }
}
