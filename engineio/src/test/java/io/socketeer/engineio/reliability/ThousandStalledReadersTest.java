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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thousand clients that stop reading (polling sessions that never poll again: everything sent to them
 * waits in the server's queue) while a WebSocket client keeps chatting: no stalled queue ever holds more
 * than {@code maxBufferedBytes} (plus the message that crossed it), every stalled session is cut off with
 * {@link CloseReason#BUFFER_FULL}, and the chatting client gets every message, in order, each answered
 * within a bounded time.
 */
class ThousandStalledReadersTest {

    private static final int STALLED = 1000;
    private static final long LIMIT = 64 * 1024;
    private static final int MESSAGE = 1024;

    private EngineIoServer server;
    private final List<EngineIoSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, CloseReason> closed = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().join();
        }
    }

    private static long liveHeap() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void stalledQueuesStayBoundedAndAreCutOffWhileAChattingClientSeesNoDelay() throws Exception {
        EngineIoOptions options = EngineIoOptions.builder().maxBufferedBytes(LIMIT)
                .pingInterval(Duration.ofSeconds(60)).pingTimeout(Duration.ofSeconds(60)).build();
        server = EngineIoServer.create(options, new EngineIoListener() {
            @Override
            public void onOpen(EngineIoSession session) {
                sessions.add(session);
            }

            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
                // the chatting client's message goes to everyone: itself and the thousand stalled ones
                for (EngineIoSession s : sessions) {
                    s.send(message);
                }
            }

            @Override
            public void onClose(EngineIoSession session, CloseReason reason, String description) {
                closed.put(session.id(), reason);
                sessions.remove(session);
            }
        });
        int port = server.start(0).join().getPort();

        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < STALLED; i++) {
            String open = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=polling")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(open.startsWith("0{\"sid\""), open);
        }
        Await.until("the stalled sessions to open", () -> sessions.size() == STALLED);
        List<EngineIoSession> stalled = List.copyOf(sessions);

        long heapBefore = liveHeap();
        AtomicLong mostQueued = new AtomicLong();
        long slowest = 0;
        long heapStalled = 0;
        try (RawWebSocketClient chat = new RawWebSocketClient(port, "/engine.io/?EIO=4&transport=websocket", 0)) {
            chat.readText();
            // far more than a stalled queue may hold: 200 × 1 KiB to each of them
            for (int i = 0; i < 200; i++) {
                String text = i + ":" + "x".repeat(MESSAGE);
                long sent = System.nanoTime();
                chat.sendText("4" + text);
                assertEquals("4" + text, chat.readText(), "the chatting client's own message, in order");
                slowest = Math.max(slowest, System.nanoTime() - sent);
                if (i == 60) {
                    heapStalled = liveHeap(); // every stalled queue near or at its limit
                }
                for (EngineIoSession s : stalled) {
                    s.executor().execute(() -> mostQueued.accumulateAndGet(((EngineSession) s).bufferedBytes(),
                            Math::max));
                }
            }
        }
        Await.until("every stalled session to be cut off", Duration.ofSeconds(20),
                () -> stalled.stream().allMatch(s -> closed.containsKey(s.id())));
        for (EngineIoSession s : stalled) {
            assertEquals(CloseReason.BUFFER_FULL, closed.get(s.id()), "stalled session " + s.id());
        }
        System.out.printf("%d stalled readers: live heap %.1f MB before, %.1f MB with their queues full,"
                + " largest queue %d bytes, slowest round trip of the chatting client %.1f ms%n", STALLED,
                heapBefore / 1e6, heapStalled / 1e6, mostQueued.get(), slowest / 1e6);
        assertTrue(mostQueued.get() <= LIMIT + MESSAGE + 16,
                "a stalled queue held " + mostQueued.get() + " bytes, over the limit of " + LIMIT);
        // generous: a broadcast to a thousand queues takes well under a millisecond; this only catches a
        // chatting client stuck behind the stalled ones
        assertTrue(slowest < Duration.ofSeconds(2).toNanos(), "slowest round trip " + slowest / 1_000_000 + " ms");
    }
}
