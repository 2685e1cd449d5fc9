package io.socketeer.demo.chat;

import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;

/**
 * The chat demo: a Socket.IO chat at {@code /}, the seed's {@code channel}/{@code broadcast} page for
 * socket.io-client 2.x and 4.x at {@code /seed.html}, and raw WebSocket examples (echo, time push,
 * broadcast chat) under {@code /ws/}, all on one port.
 *
 * <p>Run: {@code mvn -q -pl demo-chat -am install -DskipTests && java -jar ...} or simply the command in the
 * README. The port comes from the first argument or {@code $PORT} (default 3000).
 */
public final class ChatServer {

    private final SocketIoServer io;
    private final RawWebSockets rawWebSockets = new RawWebSockets();

    /** Creates the demo server (not started). */
    public ChatServer() {
        // allowEio3: the demo also serves a page on socket.io-client 2.x (Engine.IO 3), off by default
        io = SocketIoServer.create(SocketIoOptions.builder().engine(engine -> engine.allowEio3(true)).build());
        new ChatService(io).install();
    }

    /**
     * Starts listening.
     *
     * @param address where
     * @return the bound address
     */
    public InetSocketAddress start(InetSocketAddress address) {
        return io.start(address, pipeline -> {
            pipeline.addLast("raw-ws", new RawWebSocketRouter(rawWebSockets));
            pipeline.addLast("static", new StaticFileHandler("/public"));
        }).join();
    }

    /** Stops the server. */
    public void stop() {
        rawWebSockets.close();
        io.close().join();
    }

    /** @return the Socket.IO server */
    public SocketIoServer io() {
        return io;
    }

    /**
     * Starts the demo and runs until killed.
     *
     * @param args optional port
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0])
                : Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        ChatServer server = new ChatServer();
        InetSocketAddress bound = server.start(new InetSocketAddress(port));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("Chat demo running at http://localhost:" + bound.getPort() + "/");
        System.out.println("  seed chat (socket.io-client 2.x): http://localhost:" + bound.getPort()
                + "/seed.html?client=2");
        System.out.println("  raw WebSocket examples: http://localhost:" + bound.getPort() + "/ws.html?example=echo");
    }
}
