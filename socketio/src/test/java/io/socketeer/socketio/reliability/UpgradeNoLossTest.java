package io.socketeer.socketio.reliability;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events sent in both directions while connections upgrade from polling to WebSocket arrive exactly once and
 * in order, and every acknowledgement comes back exactly once (the stock socket.io-client, see
 * {@code npm/interop/upgrade-no-loss.js}). The server spreads its events over time so they straddle the
 * upgrade.
 */
class UpgradeNoLossTest {

    private static final int CONNECTIONS = Integer.getInteger("upgrade.connections", 50);
    private static final int EVENTS = 100;

    private SocketIoServer io;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        ticker.shutdownNow();
        io.close().join();
    }

    @Test
    void nothingIsLostDoubledOrReorderedAcrossUpgrades() {
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        AtomicInteger finished = new AtomicInteger();
        io = SocketIoServer.create();
        io.onConnection(socket -> {
            List<Integer> ups = new ArrayList<>();
            received.put(socket.id(), ups);
            socket.on("up", (args, ack) -> {
                ups.add(args.getInt(0)); // listeners of one socket run one at a time
                ack.send(args.getInt(0));
            });
            socket.on("done", (args, ack) -> {
                finished.incrementAndGet();
                ack.send();
            });
            AtomicInteger next = new AtomicInteger();
            ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
            task[0] = ticker.scheduleAtFixedRate(() -> {
                for (int k = 0; k < 5; k++) {
                    int i = next.getAndIncrement();
                    if (i >= EVENTS) {
                        task[0].cancel(false);
                        return;
                    }
                    socket.emit("down", i);
                }
            }, 0, 3, TimeUnit.MILLISECONDS);
        });
        int port = io.start(0).join().getPort();

        try (NodeProcess node = NodeProcess.start("interop/upgrade-no-loss.js", "http://127.0.0.1:" + port,
                String.valueOf(CONNECTIONS), String.valueOf(EVENTS))) {
            int exit = node.awaitExit(Duration.ofSeconds(120));
            assertTrue(node.lines().stream().noneMatch(l -> l.startsWith("FAIL")), node.transcript());
            assertEquals(0, exit, node.transcript());
        }
        assertEquals(CONNECTIONS, finished.get());
        assertEquals(CONNECTIONS, received.size());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            expected.add(i);
        }
        for (List<Integer> ups : received.values()) {
            assertEquals(expected, ups);
        }
    }
}
