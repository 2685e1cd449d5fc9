package io.socketeer.socketio.interop;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * socket.io-client 2.x (npm; Socket.IO protocol v4 over Engine.IO v3), as pages that still load it use it:
 * implicit connection to {@code /}, events, acknowledgements both ways, binary both ways, a namespace with
 * a query string, a middleware refusal, a broadcast. The scenarios are in {@code npm/interop/sio2.js}.
 */
class LegacyClientInteropTest {

    private SocketIoServer io;
    private int port;

    @BeforeEach
    void start() {
        io = SocketIoServer.create(SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().path("/socket.io/").allowEio3(true)
                        .pingInterval(Duration.ofSeconds(1)).pingTimeout(Duration.ofSeconds(2)).build())
                .build());
        io.onConnection(socket -> {
            socket.emit("hello", socket.id());
            socket.on("echo", (args, ack) -> ack.send(args.toArray()));
            socket.on("ask", args -> socket.timeout(Duration.ofSeconds(3)).emitWithAck("question", 21)
                    .thenAccept(answer -> socket.emit("answer", answer.getInt(0))));
            socket.on("send-me-bytes", args -> socket.emit("bytes", (Object) "asdfasdf".getBytes(StandardCharsets.UTF_8)));
            socket.on("channel", args -> socket.broadcast().emit("channel-news", args.get(0)));
        });
        io.of("/chat").onConnection(socket -> socket.emit("chat-auth", socket.handshake().auth(), socket.id()));
        io.of("/private").use((socket, next) -> next.fail("forbidden"));
        port = io.start(0).join().getPort();
    }

    @AfterEach
    void stop() {
        io.close().join();
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "default"})
    void legacyClientScenariosPass(String transports) {
        try (NodeProcess node = NodeProcess.start("interop/sio2.js", "http://127.0.0.1:" + port, transports)) {
            node.assertScenariosPass(Duration.ofSeconds(60), 6);
        }
        Await.until("all sessions to close", () -> io.engine().sessionCount() == 0);
        Await.until("all sockets to leave", () -> io.sockets().sockets().isEmpty());
    }
}
