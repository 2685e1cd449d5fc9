package io.socketeer.msgpack;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stock socket.io-client 4.8 (npm) created with {@code parser: require("socket.io-msgpack-parser")} against
 * an in-process server configured with {@link MsgpackParser}, over polling only, WebSocket only and the
 * default polling-then-upgrade: the scenarios of {@code npm/interop/msgpack.js} (auth, binary anywhere in the
 * arguments, ArrayBuffer and Date, acknowledgements with binary both ways and their timeout, namespaces and
 * refusals, broadcasts, server disconnects, malformed input closing the client as a parse error). This class
 * is the server side of each.
 */
class MsgpackClientInteropTest {

    private SocketIoServer io;
    private int port;
    private final Map<String, CompletableFuture<String>> disconnectReasons = new ConcurrentHashMap<>();

    private CompletableFuture<String> reason(String socketId) {
        return disconnectReasons.computeIfAbsent(socketId, id -> new CompletableFuture<>());
    }

    @BeforeEach
    void start() {
        io = SocketIoServer.create(SocketIoOptions.builder()
                .parser(MsgpackParser.create())
                .engine(EngineIoOptions.builder().path("/socket.io/")
                        .pingInterval(Duration.ofSeconds(1)).pingTimeout(Duration.ofSeconds(2)).build())
                .build());
        io.onConnection(socket -> {
            socket.onDisconnect(r -> reason(socket.id()).complete(r.reason()));
            socket.emit("auth", socket.handshake().auth());
            socket.on("echo", (args, ack) -> ack.send(args.toArray()));
            socket.on("kinds", (args, ack) -> {
                JsonNode bytes = args.get(0);
                JsonNode date = args.get(1);
                ack.send(List.of(bytes.isBinary() ? "binary" : bytes.getNodeType().toString(),
                        date.isTextual() ? "string" : date.getNodeType().toString()), bytes, date);
            });
            socket.on("ask", args -> socket.timeout(Duration.ofSeconds(3))
                    .emitWithAck("question", 20, new byte[] {1, 2, 3})
                    .thenAccept(answer -> socket.emit("answer", answer.getInt(0), answer.get(1))));
            socket.on("ask-unanswered", args -> socket.timeout(Duration.ofMillis(200))
                    .emitWithAck("question-ignored")
                    .exceptionally(e -> {
                        // an AckTimeoutException, which is a TimeoutException
                        socket.emit("timed-out", e instanceof io.socketeer.socketio.AckTimeoutException
                                ? "TimeoutException" : e.getClass().getSimpleName());
                        return null;
                    }));
            socket.on("broadcast", args -> io.emit("news", args.getString(0), new byte[] {42}));
            socket.on("kick-me", args -> socket.disconnect());
            socket.on("reason-of", (args, ack) -> reason(args.getString(0)).thenAccept(ack::send));
        });
        io.of("/chat").onConnection(socket -> socket.emit("hello-chat", socket.id()));
        io.of("/private").use((socket, next) -> next.fail("forbidden", Map.of("code", 42)));
        port = io.start(0).join().getPort();
    }

    @AfterEach
    void stop() {
        io.close().join();
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "default"})
    void stockClientWithTheMsgpackParserPassesEveryScenario(String transports) {
        try (NodeProcess node = NodeProcess.start("interop/msgpack.js", "http://127.0.0.1:" + port, transports)) {
            node.assertScenariosPass(Duration.ofSeconds(90), 11);
        }
        Await.until("all sockets to leave", () -> io.sockets().sockets().isEmpty());
        Await.until("all sessions to close", () -> io.engine().sessionCount() == 0);
    }
}
