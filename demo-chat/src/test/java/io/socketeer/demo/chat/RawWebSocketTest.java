package io.socketeer.demo.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's HTTP side: the pages and the client bundle are served, and the raw WebSocket examples answer
 * the RFC 6455 handshake and frames.
 */
class RawWebSocketTest {

    private ChatServer server;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = new ChatServer();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePagesAndTheClientBundles() throws Exception {
        HttpResponse<String> index = get("/");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("/socket.io/socket.io.min.js"));
        assertEquals(200, get("/socket.io/socket.io.js").statusCode());
        assertEquals(200, get("/socket.io/socket.io.min.js").statusCode());
        HttpResponse<String> legacy = get("/vendor/socket.io-2/socket.io.js");
        assertEquals(200, legacy.statusCode());
        assertTrue(legacy.body().contains("Socket.IO v2"), "the 2.x bundle");
        assertEquals(404, get("/../pom.xml").statusCode());
        assertEquals(404, get("/nothing-here.html").statusCode());
        assertEquals(200, get("/ws.html?example=time").statusCode());
    }

    @Test
    void handshakeAnswersTheRfc6455AcceptForTheSeedKey() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /ws/echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            assertTrue(head.get(0).startsWith("HTTP/1.1 101"), head.toString());
            String accept = head.stream().filter(h -> h.toLowerCase().startsWith("sec-websocket-accept:"))
                    .map(h -> h.substring(h.indexOf(':') + 1).trim()).findFirst().orElse(null);
            assertEquals("HSmrc0sMlYUkAGmm5OPpG2HaGWk=", accept, head.toString());
        }
    }

    @Test
    void echoAndBroadcastChatAnswerFrames() throws Exception {
        List<String> echoed = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<String> chatHeard = new CompletableFuture<>();
        WebSocket echo = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/echo"),
                collector(echoed::add)).get(5, TimeUnit.SECONDS);
        WebSocket listener = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"),
                collector(chatHeard::complete)).get(5, TimeUnit.SECONDS);
        WebSocket speaker = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat"),
                collector(t -> { })).get(5, TimeUnit.SECONDS);

        CompletableFuture<String> tick = new CompletableFuture<>();
        WebSocket time = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/time"),
                collector(tick::complete)).get(5, TimeUnit.SECONDS);
        java.time.Instant.parse(tick.get(5, TimeUnit.SECONDS)); // the server's clock, ISO-8601
        time.abort();

        echo.sendText("ping", true).get(5, TimeUnit.SECONDS);
        speaker.sendText("to everyone", true).get(5, TimeUnit.SECONDS);

        assertEquals("to everyone", chatHeard.get(5, TimeUnit.SECONDS));
        io.socketeer.testkit.Await.until("the echo", () -> echoed.contains("ping"));
        echo.abort();
        listener.abort();
        speaker.abort();
    }

    private static WebSocket.Listener collector(java.util.function.Consumer<String> sink) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                sink.accept(data.toString());
                ws.request(1);
                return null;
            }
        };
    }
}
