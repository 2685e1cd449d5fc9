package io.socketeer.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server socket.io-client's own test suite expects on {@code $PORT} (default 3210): pingInterval 2 s,
 * every handshake answered after about 10 ms, the namespaces and events its tests use.
 */
final class ClientSuiteServer {

    private static final byte[] DOGE = "asdfasdf".getBytes(StandardCharsets.UTF_8);

    private ClientSuiteServer() {
    }

    static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3210"));
        ObjectMapper mapper = new ObjectMapper();
        EngineIoOptions engine = EngineIoOptions.builder()
                .path("/socket.io/")
                .pingInterval(Duration.ofSeconds(2))
                .pingTimeout(Duration.ofSeconds(20))
                .maxPayload(1_000_000)
                // the client's connect-timeout tests need the handshake to take a little time
                .allowRequest(req -> CompletableFuture.supplyAsync(() -> true,
                        CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS)))
                .build();
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
                .engine(engine)
                .mapper(mapper)
                .connectionStateRecovery(ConnectionStateRecovery.defaults())
                .build());

        io.of("/foo").onConnection(socket -> socket.on("getId", (a, ack) -> ack.send(socket.id())));
        io.of("/timeout_socket");
        io.of("/valid");
        io.of("/asd");
        io.of("/abc").onConnection(socket -> socket.emit("handshake", handshake(mapper, socket)));
        io.use((socket, next) -> {
            if (socket.handshake().query().containsKey("fail")) {
                next.fail("Auth failed (main namespace)");
            } else {
                next.proceed();
            }
        });
        io.of("/no").use((socket, next) -> next.fail("Auth failed (custom namespace)"));

        io.onConnection(socket -> {
            socket.on("hi", a -> socket.emit("hi"));
            socket.on("echo", (a, ack) -> ack.send(a.get(0)));
            socket.on("ack", a -> socket.emitWithAck("ack").thenAccept(answer -> {
                if (answer.getInt(0) == 5 && answer.get(1) != null && answer.get(1).path("test").asBoolean()) {
                    socket.emit("got it");
                }
            }));
            socket.on("getAckDate", (a, ack) -> ack.send(Instant.now().toString()));
            socket.on("getDate", a -> socket.emit("takeDate", Instant.now().toString()));
            socket.on("getDateObj", a -> socket.emit("takeDateObj",
                    mapper.createObjectNode().put("date", Instant.now().toString())));
            socket.on("getUtf8", a -> {
                socket.emit("takeUtf8", "てすと");
                socket.emit("takeUtf8", "Я Б Г Д Ж Й");
                socket.emit("takeUtf8", "Ä ä Ü ü ß");
                socket.emit("takeUtf8", "utf8 — string");
                socket.emit("takeUtf8", "utf8 — string");
            });
            socket.on("false", a -> socket.emit("false", false));
            socket.on("doge", a -> socket.emit("doge", (Object) DOGE));
            socket.on("buffa", a -> {
                if (a.isBinary(0)) {
                    socket.emit("buffack");
                }
            });
            socket.on("jsonbuff", a -> {
                if (isJsonWithBinary(a.get(0))) {
                    socket.emit("jsonbuff-ack");
                }
            });
            AtomicBoolean abuff1 = new AtomicBoolean();
            socket.on("abuff1", a -> abuff1.set(a.isBinary(0)));
            socket.on("abuff2", a -> {
                if (abuff1.get()) {
                    socket.emit("abuff2-ack");
                }
            });
            socket.on("blob", a -> {
                if (a.isBinary(0)) {
                    socket.emit("back");
                }
            });
            socket.on("jsonblob", a -> {
                if (isJsonWithBinary(a.get(0))) {
                    socket.emit("jsonblob-ack");
                }
            });
            AtomicBoolean blob1 = new AtomicBoolean();
            AtomicBoolean blob2 = new AtomicBoolean();
            socket.on("blob1", a -> blob1.set(a.isBinary(0)));
            socket.on("blob2", a -> blob2.set(blob1.get() && "second".equals(a.getString(0))));
            socket.on("blob3", a -> {
                if (a.isBinary(0) && blob1.get() && blob2.get()) {
                    socket.emit("blob3-ack");
                }
            });
            socket.on("getbin", a -> socket.emit("takebin", (Object) DOGE));
            socket.on("getHandshake", (a, ack) -> ack.send(handshake(mapper, socket)));
            socket.on("getId", (a, ack) -> ack.send(socket.id()));
        });

        InetSocketAddress address = io.start(port).join();
        System.out.println("client-suite server listening on " + address);
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isJsonWithBinary(JsonNode obj) {
        return obj != null && "lol".equals(obj.path("hello").asText()) && obj.path("message").isBinary()
                && "gotcha".equals(obj.path("goodbye").asText());
    }

    private static JsonNode handshake(ObjectMapper mapper, Socket socket) {
        return mapper.valueToTree(socket.handshake());
    }
}
