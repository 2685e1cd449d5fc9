package io.socketeer.engineio.reliability;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.internal.session.EngineSession;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.RawWebSocketClient;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a server delivers what was queued and then the close to every client (a held poll gets the
 * messages; a WebSocket its frames and a close frame), reports
 * {@link CloseReason#SERVER_SHUTDOWN}, releases the port and stops every thread it started.
 */
class GracefulShutdownTest {

    @Test
    void closeFlushesQueuedMessagesThenReleasesPortAndThreads() throws Exception {
        Set<String> threadsBefore = threadNames();
        List<EngineIoSession> sessions = new CopyOnWriteArrayList<>();
        Map<String, CloseReason> closed = new ConcurrentHashMap<>();
        EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), new EngineIoListener() {
            @Override
            public void onOpen(EngineIoSession session) {
                sessions.add(session);
            }

            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
            }

            @Override
            public void onClose(EngineIoSession session, CloseReason reason, String description) {
                closed.put(session.id(), reason);
            }
        });
        int port = server.start(new InetSocketAddress("127.0.0.1", 0)).join().getPort();

        // a WebSocket client, and a polling client whose poll is held
        RawWebSocketClient ws = new RawWebSocketClient(port, "/engine.io/?EIO=4&transport=websocket", 0);
        ws.readText();
        HttpClient http = HttpClient.newHttpClient();
        String poll = "http://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=polling";
        String open = http.send(HttpRequest.newBuilder(URI.create(poll)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\",\""));
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(
                HttpRequest.newBuilder(URI.create(poll + "&sid=" + sid)).build(), HttpResponse.BodyHandlers.ofString());
        Await.until("two sessions", () -> sessions.size() == 2);
        Await.until("the poll to be held", () -> server.session(sid) instanceof EngineSession s && s.pollHeld());

        // the WebSocket's messages are queued in the same turn as the close
        for (EngineIoSession s : sessions) {
            s.executor().execute(() -> {
                s.send("last words");
                s.send("really last");
            });
        }
        server.close().join();

        assertEquals("4last words", ws.readText());
        assertEquals("4really last", ws.readText());
        // the held poll is answered with what was queued (and the close packet if it was still held then)
        String polled = held.get().body();
        assertTrue(polled.equals("4last words\u001e4really last") || polled.equals("4last words\u001e4really last\u001e1"),
                polled);
        assertEquals(Map.of(sessions.get(0).id(), CloseReason.SERVER_SHUTDOWN, sessions.get(1).id(),
                CloseReason.SERVER_SHUTDOWN), Map.copyOf(closed));
        ws.close();

        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port)); // the port is free again
        }
        Await.until("the server's threads to end", () -> {
            Set<String> extra = threadNames();
            extra.removeAll(threadsBefore);
            return extra.stream().noneMatch(n -> n.startsWith("multiThreadIoEventLoopGroup"));
        });
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
