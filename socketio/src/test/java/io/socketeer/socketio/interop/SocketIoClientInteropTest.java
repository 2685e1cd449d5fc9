package io.socketeer.socketio.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stock socket.io-client 4.8 (npm) against an in-process server, over polling only, WebSocket only and
 * the default polling-then-upgrade: the scenarios of {@code npm/interop/sio4.js} (auth, buffered emits, mixed
 * and binary arguments, acknowledgements both ways with timeouts, namespaces, middleware errors, dynamic
 * namespaces, rooms and broadcast operators, broadcast acknowledgements, onAny, disconnects, reconnection,
 * upgrade under load). This class is the server side of each.
 */
class SocketIoClientInteropTest {

    private SocketIoServer io;
    private int port;
    private final Map<String, String> disconnectReasons = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        // short heartbeats: a polling client that vanished between two polls is noticed within seconds
        io = SocketIoServer.create(SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().path("/socket.io/")
                        .pingInterval(Duration.ofSeconds(1)).pingTimeout(Duration.ofSeconds(2)).build())
                .build());
        io.onConnection(socket -> {
            List<String> seen = new CopyOnWriteArrayList<>();
            socket.onAny((event, args) -> seen.add(event));
            socket.onDisconnect(reason -> disconnectReasons.put(socket.id(), reason.reason()));
            socket.emit("auth", socket.handshake().auth());

            socket.on("echo", (args, ack) -> ack.send(args.toArray()));
            socket.on("seq", args -> socket.emit("seq", args.get(0)));
            socket.on("join", (args, ack) -> {
                socket.join(args.getString(0));
                ack.send();
            });
            socket.on("sync", (args, ack) -> ack.send());
            socket.on("to-room", (args, ack) -> {
                JsonNode req = args.get(0);
                String tag = req.path("tag").asText();
                if (req.path("broadcastFromSender").asBoolean()) {
                    socket.broadcast().emit("room-news", tag);
                } else {
                    io.to(strings(req.path("rooms"))).except(strings(req.path("except"))).emit("room-news", tag);
                }
                ack.send();
            });
            socket.on("fetch", (args, ack) -> io.in(args.getString(0)).fetchSockets()
                    .thenAccept(list -> ack.send(list.stream().map(RemoteSocket::id).toList())));
            socket.on("poll-room", (args, ack) -> io.to("poll-room").timeout(Duration.ofSeconds(3))
                    .emitWithAck("poll")
                    .thenAccept(answers -> ack.send(answers.size(),
                            answers.stream().mapToInt(a -> a.getInt(0)).sum())));
            socket.on("ask", args -> socket.timeout(Duration.ofSeconds(3)).emitWithAck("question", 20)
                    .thenAccept(answer -> socket.emit("answer", answer.getInt(0))));
            socket.on("ask-unanswered", args -> socket.timeout(Duration.ofMillis(200))
                    .emitWithAck("question-ignored")
                    .exceptionally(e -> {
                        // an AckTimeoutException, which is a TimeoutException
                        socket.emit("timed-out", e instanceof io.socketeer.socketio.AckTimeoutException
                                ? "TimeoutException" : e.getClass().getSimpleName());
                        return null;
                    }));
            socket.on("any-log", (args, ack) -> ack.send(List.copyOf(seen)));
            socket.on("kick-me", args -> socket.disconnect());
            socket.on("drop-me", args -> socket.conn().close());
            socket.on("end-all", args -> socket.disconnect(true));
            socket.onAny((event, args) -> {
                if (event.startsWith("any:")) {
                    socket.emit("seen", args.prepend(event));
                }
            });
            socket.on("add", (args, ack) -> ack.send(args.getDouble(0) + args.getDouble(1)));
            socket.use((event, args, next) -> {
                if (event.startsWith("admin:")) {
                    next.fail(new IllegalAccessException("unauthorized event " + event));
                } else if (event.equals("later-echo")) {
                    CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(next::proceed);
                } else {
                    next.proceed();
                }
            });
            socket.onError(e -> socket.emit("refused", e.getMessage()));
            socket.on("admin:wipe", (args, ack) -> ack.send("wiped"));
            socket.on("later-echo", (args, ack) -> ack.send(args.toArray()));
            socket.on("reason-of", (args, ack) -> ack.send(disconnectReasons.get(args.getString(0))));
        });
        io.of("/chat").onConnection(socket -> socket.emit("hello-chat", socket.id()));
        io.of("/private").use((socket, next) -> next.fail("forbidden", Map.of("code", 42)));
        io.of(Pattern.compile("^/dyn-\\d+$")).onConnection(socket -> socket.emit("dyn", socket.namespace().name()));
        port = io.start(0).join().getPort();
    }

    @AfterEach
    void stop() {
        io.close().join();
    }

    private static String[] strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.toArray(new String[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "default"})
    void stockClientScenariosPass(String transports) {
        try (NodeProcess node = NodeProcess.start("interop/sio4.js", "http://127.0.0.1:" + port, transports)) {
            node.assertScenariosPass(Duration.ofSeconds(90), transports.equals("default") ? 21 : 20);
        }
        // every client closed: nothing may stay behind on the server
        Await.until("all sockets to leave", () -> io.sockets().sockets().isEmpty());
        Await.until("all sessions to close", () -> io.engine().sessionCount() == 0);
        assertTrue(io.sockets().adapter().rooms().isEmpty(), "rooms left: " + io.sockets().adapter().rooms());
    }
}
