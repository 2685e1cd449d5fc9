package io.socketeer.socketio.reliability;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bounded soak: many stock clients chat in rooms, join and leave them, drop their connections and come
 * back (npm/interop/soak.js). No client sees an error, and the heap after a collection does not grow
 * between the first and the last third of the run. The test command runs a short version; set
 * {@code -Dsoak.seconds} and {@code -Dsoak.clients} for a long one.
 */
class SoakTest {

    private static final int SECONDS = Integer.getInteger("soak.seconds", 20);
    private static final int CLIENTS = Integer.getInteger("soak.clients", 300);
    /** Actions (chat, join, leave, drop, acked ping) per second over all clients; 5 per client by default. */
    private static final int RATE = Integer.getInteger("soak.rate", CLIENTS * 5);

    private SocketIoServer io;

    @AfterEach
    void stop() {
        io.close().join();
    }

    @Test
    void clientsChurnWithoutErrorsAndTheHeapStaysFlat() {
        io = SocketIoServer.create();
        io.onConnection(socket -> {
            socket.on("join", args -> socket.join(args.getString(0)));
            socket.on("leave", args -> socket.leave(args.getString(0)));
            socket.on("chat", args -> io.to(args.getString(0)).emit("chat", args.get(1)));
            socket.on("ping", (args, ack) -> ack.send(args.get(0)));
        });
        int port = io.start(0).join().getPort();

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Long> heap = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            System.gc();
            synchronized (heap) {
                heap.add(memory.getHeapMemoryUsage().getUsed());
            }
        }, 2, Math.max(1, SECONDS / 10), TimeUnit.SECONDS);
        try (NodeProcess node = NodeProcess.start("interop/soak.js", "http://127.0.0.1:" + port,
                String.valueOf(CLIENTS), String.valueOf(SECONDS), String.valueOf(RATE))) {
            int exit = node.awaitExit(Duration.ofSeconds(SECONDS + 60L));
            String done = node.awaitLine("the summary", Duration.ofSeconds(5), l -> l.startsWith("DONE"));
            assertEquals(0, exit, node.transcript());
            assertTrue(done.startsWith("DONE errors=0"), node.transcript());
            node.transcript().lines().filter(l -> l.startsWith("STATS")).forEach(l -> System.out.println("soak: " + l));
            System.out.println("soak: " + done + "; heap samples (MB): " + mb(heap));
        } finally {
            sampler.shutdownNow();
        }
        Await.until("every session to close", Duration.ofSeconds(60), () -> io.engine().sessionCount() == 0);
        List<Long> samples;
        synchronized (heap) {
            samples = List.copyOf(heap);
        }
        assertTrue(samples.size() >= 6, "heap samples: " + samples);
        int third = samples.size() / 3;
        long early = samples.subList(0, third).stream().mapToLong(Long::longValue).max().orElseThrow();
        long late = samples.subList(samples.size() - third, samples.size()).stream().mapToLong(Long::longValue)
                .min().orElseThrow();
        // flat: the late minimum may not exceed the early maximum by more than a margin for noise
        assertTrue(late <= early + 32L * 1024 * 1024, "heap grew: " + mb(samples));
    }

    private static String mb(List<Long> bytes) {
        return bytes.stream().map(b -> String.valueOf(b / (1024 * 1024))).toList().toString();
    }
}
