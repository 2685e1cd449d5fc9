package io.socketeer.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters of {@link SocketIoMetrics} on a {@link SimpleMeterRegistry}, moved by real clients: the Java
 * socket.io-client over polling and WebSocket, and plain HTTP and WebSocket requests the server refuses.
 */
class SocketIoMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final SocketIoMetrics metrics = SocketIoMetrics.create(Tags.of("app", "test"));
    private final List<Socket> clients = new ArrayList<>();
    private SocketIoServer io;
    private URI base;

    @BeforeEach
    void start() {
        io = SocketIoServer.create(SocketIoOptions.builder().observer(metrics).build());
        io.onConnection(s -> {
            s.on("echo", (args, ack) -> ack.send(args.toArray()));
            s.on("ask-me", args -> s.timeout(Duration.ofSeconds(5)).emitWithAck("question", 41)
                    .thenAccept(answer -> s.emit("answered", answer.getInt(0))));
        });
        io.of("/chat");
        int port = io.start(0).join().getPort();
        base = URI.create("http://127.0.0.1:" + port);
        metrics.bindTo(registry);
    }

    @AfterEach
    void stop() {
        clients.forEach(Socket::close);
        io.close().join();
    }

    private Socket client(String namespace, String... transports) {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(transports).build();
        Socket s = IO.socket(base.resolve(namespace), options);
        clients.add(s);
        return s;
    }

    /** A gauge's value, or NaN while it does not exist (a namespace's appear with its first socket). */
    private double gauge(String name, String tag, String value) {
        var g = registry.find(name).tag("app", "test").tag(tag, value).gauge();
        return g == null ? Double.NaN : g.value();
    }

    private double counter(String name) {
        return registry.get(name).tag("app", "test").functionCounter().count();
    }

    private double counter(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).functionCounters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void connectionsAndSocketsAreCountedByTransportAndNamespaceWhileTheyLast() {
        Socket ws = client("/", "websocket");
        Socket polling = client("/chat", "polling");
        ws.connect();
        polling.connect();

        Await.until("a WebSocket connection", () -> gauge("socketio.connections", "transport", "websocket") == 1);
        Await.until("a polling connection", () -> gauge("socketio.connections", "transport", "polling") == 1);
        Await.until("a socket in /", () -> gauge("socketio.sockets", "namespace", "/") == 1);
        Await.until("a socket in /chat", () -> gauge("socketio.sockets", "namespace", "/chat") == 1);
        assertEquals(2, counter("socketio.packets.received", "type", "connect"));

        ws.close();
        polling.close();
        Await.until("no connection left", () -> gauge("socketio.connections", "transport", "websocket") == 0
                && gauge("socketio.connections", "transport", "polling") == 0);
        Await.until("no socket left", () -> gauge("socketio.sockets", "namespace", "/") == 0
                && gauge("socketio.sockets", "namespace", "/chat") == 0);
    }

    @Test
    void anUpgradedConnectionMovesFromPollingToWebSocket() {
        Socket s = client("/", "polling", "websocket");
        s.connect();
        Await.until("the upgrade", () -> gauge("socketio.connections", "transport", "websocket") == 1);
        assertEquals(0, gauge("socketio.connections", "transport", "polling"));
    }

    @Test
    void packetsAndBytesMoveBothWays() {
        Socket s = client("/", "websocket");
        AtomicReference<Object[]> answer = new AtomicReference<>();
        s.on(Socket.EVENT_CONNECT, a -> s.emit("echo", new Object[] {"x".repeat(1000), new byte[2000]},
                args -> answer.set(args)));
        s.connect();
        Await.until("the echo", () -> answer.get() != null);

        assertEquals(1, counter("socketio.packets.received", "type", "binary_event"));
        // CONNECT reply and the binary ACK: 2 packets, the ACK in 2 messages
        Await.until("the packets sent", () -> counter("socketio.packets.sent") == 2);
        assertTrue(counter("socketio.bytes.received") > 3000, "bytes in: " + counter("socketio.bytes.received"));
        assertTrue(counter("socketio.bytes.sent") > 3000, "bytes out: " + counter("socketio.bytes.sent"));
    }

    @Test
    void theLatencyOfAnAcknowledgementTheServerAskedForIsTimed() {
        Socket s = client("/", "websocket");
        AtomicReference<Object> answered = new AtomicReference<>();
        s.on("question", a -> ((io.socket.client.Ack) a[a.length - 1]).call((Integer) a[0] + 1));
        s.on("answered", a -> answered.set(a[0]));
        s.on(Socket.EVENT_CONNECT, a -> s.emit("ask-me"));
        s.connect();

        Await.until("the answer", () -> Integer.valueOf(42).equals(answered.get()));
        var timer = registry.get("socketio.ack.latency").tag("namespace", "/").timer();
        assertEquals(1, timer.count());
        assertTrue(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
    }

    @Test
    void refusedHandshakesAreCountedByReason() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                base.resolve("/socket.io/?EIO=4&transport=carrier-pigeon")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, res.statusCode());
        http.send(HttpRequest.newBuilder(base.resolve("/socket.io/?EIO=5&transport=polling")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(1, counter("socketio.handshakes.refused", "reason", "Transport unknown"));
        assertEquals(1, counter("socketio.handshakes.refused", "reason", "Unsupported protocol version"));
    }

    @Test
    void requestsOfUnknownSessionsAreCountedAsConnectionErrorsWithTheRefusedHandshakes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String method : new String[] {"GET", "POST"}) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                    base.resolve("/socket.io/?EIO=4&transport=polling&sid=from-another-server"))
                    .method(method, HttpRequest.BodyPublishers.ofString("4x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, res.statusCode());
        }
        http.send(HttpRequest.newBuilder(base.resolve("/socket.io/?EIO=4&transport=carrier-pigeon")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(2, counter("socketio.connection.errors", "reason", "Session ID unknown"));
        assertEquals(1, counter("socketio.connection.errors", "reason", "Transport unknown"));
        assertEquals(0, counter("socketio.handshakes.refused", "reason", "Session ID unknown"),
                "requests of a session are not handshakes");
    }

    @Test
    void aRefusedUpgradeOfAnUnknownSessionIsAFailedUpgrade() {
        HttpClient http = HttpClient.newHttpClient();
        URI ws = URI.create(base.toString().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket&sid=nope");
        assertThrows(CompletionException.class,
                () -> http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() { }).join());
        Await.until("the failed upgrade", () -> counter("socketio.upgrades.failed", "reason", "Session ID unknown") == 1);
    }
}
