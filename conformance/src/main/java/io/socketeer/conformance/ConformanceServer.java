package io.socketeer.conformance;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The fixture of the official conformance suites, on {@code $PORT} (default 3000), all with pingInterval
 * 300 ms, pingTimeout 200 ms and maxPayload 1,000,000:
 * <ul>
 *   <li>{@code /engine.io/}: an Engine.IO server that echoes every message;</li>
 *   <li>{@code /socket.io/}: a Socket.IO server (connect timeout 1 s) whose namespaces {@code /} and
 *       {@code /custom} emit {@code auth} with the CONNECT payload, and where {@code /} answers
 *       {@code message} with {@code message-back} and {@code message-with-ack} with an acknowledgement, both
 *       with the same arguments.</li>
 * </ul>
 * With the argument {@code client}, starts the server of socket.io-client's own test suite instead
 * ({@link ClientSuiteServer}).
 */
public final class ConformanceServer {

    private ConformanceServer() {
    }

    /**
     * Starts the fixture and runs until killed.
     *
     * @param args {@code client} for the client-suite server
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("client")) {
            ClientSuiteServer.main(args);
            return;
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        EngineIoServer echo = EngineIoServer.create(engineOptions("/engine.io/"), new EngineIoListener() {
            @Override
            public void onOpen(EngineIoSession session) {
            }

            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
                session.send(message);
            }

            @Override
            public void onClose(EngineIoSession session, CloseReason reason, String description) {
            }
        });
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
                .engine(engineOptions("/socket.io/"))
                .connectTimeout(Duration.ofSeconds(1))
                .ioThreads(1)
                .build());
        io.onConnection(socket -> {
            socket.emit("auth", socket.handshake().auth());
            socket.on("message", a -> socket.emit("message-back", a.toArray()));
            socket.on("message-with-ack", (a, ack) -> ack.send(a.toArray()));
        });
        io.of("/custom").onConnection((Socket socket) -> socket.emit("auth", socket.handshake().auth()));
        InetSocketAddress address = io.start(new InetSocketAddress(port), p -> p.addLast("engine.io", echo.newHttpHandler()))
                .join();
        System.out.println("conformance server listening on " + address);
        Thread.currentThread().join();
    }

    static EngineIoOptions engineOptions(String path) {
        return EngineIoOptions.builder()
                .path(path)
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .maxPayload(1_000_000)
                .allowEio3(true)
                .build();
    }
}
