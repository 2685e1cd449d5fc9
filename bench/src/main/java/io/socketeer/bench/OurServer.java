package io.socketeer.bench;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;

/**
 * Our server with the benchmark's handlers: echo, acknowledged echo, join, fan-out to "room". One I/O thread,
 * listeners on it, no compression. usage: {@code port [pool]}; "pool" runs the listeners on the default
 * handler executor instead. Answers the {@link Admin} lines.
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
                .engine(EngineIoOptions.builder().path("/socket.io/").httpCompression(false)
                        .perMessageDeflate(false).build())
                .serveClient(false)
                .handlersOnEventLoop(onLoop)
                .ioThreads(1)
                .build());
        io.onConnection(socket -> {
            socket.on("echo", a -> socket.emit("echo", a.toArray()));
            socket.on("echoack", (a, ack) -> ack.send(a.toArray()));
            socket.on("join", a -> socket.join(a.getString(0)));
            socket.on("fanout", a -> io.to("room").emit("fan", a.get(0)));
        });
        io.start(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]))).join();
        Admin.serve();
    }
}
