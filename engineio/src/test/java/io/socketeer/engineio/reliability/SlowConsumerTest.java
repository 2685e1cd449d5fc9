package io.socketeer.engineio.reliability;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that stop reading must not grow the server's memory without bound, nor slow down the others:
 * their queue is capped by {@code maxBufferedBytes}, past which the session closes with
 * {@link CloseReason#BUFFER_FULL}, while a reading client keeps getting every message.
 */
class SlowConsumerTest {

    private static final int STALLED = 20;
    private static final long LIMIT = 256 * 1024;

    private EngineIoServer server;
    private final List<EngineIoSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, CloseReason> closed = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().join();
        }
    }

    private int start() {
        EngineIoOptions options = EngineIoOptions.builder().maxBufferedBytes(LIMIT).build();
        server = EngineIoServer.create(options, new EngineIoListener() {
            @Override
            public void onOpen(EngineIoSession session) {
                sessions.add(session);
            }

            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
                session.send(message);
            }

            @Override
            public void onClose(EngineIoSession session, CloseReason reason, String description) {
                closed.put(session.id(), reason);
            }
        });
        return server.start(0).join().getPort();
    }

    @Test
    void stalledReadersAreCutOffWhileAReadingClientKeepsUp() throws Exception {
        int port = start();
        List<RawWebSocketClient> stalled = new ArrayList<>();
        try (RawWebSocketClient reader = new RawWebSocketClient(port, "/engine.io/?EIO=4&transport=websocket", 0)) {
            String open = reader.readText();
            String readerSid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\",\""));
            for (int i = 0; i < STALLED; i++) {
                // small receive buffers so the kernel cannot hide the stall for long
                stalled.add(new RawWebSocketClient(port, "/engine.io/?EIO=4&transport=websocket", 4096));
            }
            Await.until("all sessions to open", () -> sessions.size() == STALLED + 1);

            EngineIoMessage chunk = EngineIoMessage.text("x".repeat(1024));
            // 12 MB per client: more than loopback's socket buffers can hide, far past the limit
            int rounds = 12_000;
            for (int round = 0; round < rounds; round++) {
                for (EngineIoSession s : sessions) {
                    s.send(chunk);
                }
                if (round % 100 == 0) {
                    // the reading client reads as it goes, and must see every message in time
                    for (int k = 0; k < (round == 0 ? 1 : 100); k++) {
                        assertEquals("4" + "x".repeat(1024), reader.readText());
                    }
                }
            }
            Await.until("the stalled sessions to be cut off", Duration.ofSeconds(20),
                    () -> closed.size() >= STALLED);
            assertTrue(closed.values().stream().allMatch(r -> r == CloseReason.BUFFER_FULL), closed.toString());
            assertTrue(!closed.containsKey(readerSid), "the reading client was not cut off");
            int remaining = rounds - (1 + (rounds / 100 - 1) * 100);
            for (int k = 0; k < remaining; k++) {
                assertEquals("4" + "x".repeat(1024), reader.readText());
            }
        } finally {
            for (RawWebSocketClient c : stalled) {
                c.close();
            }
        }
    }
}
