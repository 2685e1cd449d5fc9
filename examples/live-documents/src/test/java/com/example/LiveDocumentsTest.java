package com.example;

import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.SocketIoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts the example and speaks the protocol to it over the JDK's WebSocket client. */
class LiveDocumentsTest {

    private SocketIoServer io;
    private int port;

    @BeforeEach
    void start() {
        LiveDocuments.LOG.clear();
        io = LiveDocuments.create();
        port = io.start(0).join().getPort();
    }

    @AfterEach
    void stop() {
        io.close().join();
    }

    /** One Engine.IO connection over WebSocket, its text frames in a queue. */
    private final class Client implements WebSocket.Listener {
        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket ws;

        Client() {
            ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), this)
                    .join();
            assertTrue(next().startsWith("0{\"sid\":"), "the open packet");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String text) {
            ws.sendText(text, true).join();
        }

        String next() {
            try {
                String t = texts.poll(10, TimeUnit.SECONDS);
                assertNotNull(t, "no message within 10 s");
                return t;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    private boolean listed(String name) {
        return io.namespaces().stream().map(Namespace::name).anyMatch(name::equals);
    }

    @Test
    void editorsOfADocumentSeeEachOtherAndTheDocumentGoesWithTheLast() throws Exception {
        Client alice = new Client();
        alice.send("40/doc-readme,{\"token\":\"secret\"}");
        assertTrue(alice.next().startsWith("40/doc-readme,{\"sid\":"));
        assertEquals("42/doc-readme,[\"presence\",1]", alice.next());

        Client bob = new Client();
        bob.send("40/doc-readme,{\"token\":\"secret\"}");
        assertTrue(bob.next().startsWith("40/doc-readme,{\"sid\":"));
        assertEquals("42/doc-readme,[\"presence\",2]", bob.next());
        assertEquals("42/doc-readme,[\"presence\",2]", alice.next());

        bob.send("42/doc-readme,[\"edit\",{\"line\":1,\"text\":\"hello\"}]");
        assertEquals("42/doc-readme,[\"edit\",{\"line\":1,\"text\":\"hello\"}]", alice.next());

        Client mallory = new Client();
        mallory.send("40/doc-readme,{\"token\":\"guess\"}");
        assertEquals("44/doc-readme,{\"message\":\"unauthorized\"}", mallory.next());

        bob.send("41/doc-readme,");
        assertEquals("42/doc-readme,[\"presence\",1]", alice.next());
        assertTrue(listed("/doc-readme"));
        alice.close();
        await("the document's namespace to go with its last editor", () -> !listed("/doc-readme"));
        assertTrue(LiveDocuments.LOG.contains("opened /doc-readme"), LiveDocuments.LOG.toString());
        assertTrue(LiveDocuments.LOG.stream().anyMatch(l -> l.startsWith("/doc-readme: room ")
                && l.endsWith(" is empty")), LiveDocuments.LOG.toString());
        mallory.close();
    }

    @Test
    void aRequestForASessionOfAnotherServerIsLogged() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling&sid=elsewhere"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", r.body());
        assertTrue(LiveDocuments.LOG.contains(
                "refused GET /socket.io/?EIO=4&transport=polling&sid=elsewhere: Session ID unknown"),
                LiveDocuments.LOG.toString());
    }
}
