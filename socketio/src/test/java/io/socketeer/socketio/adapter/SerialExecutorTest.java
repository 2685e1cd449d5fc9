package io.socketeer.socketio.adapter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasks run one at a time in submission order on a pool of several threads; a failing task does not stop
 * the next; a long queue is drained in bounded turns; a pool that refuses work drops the queue.
 */
class SerialExecutorTest {

    @Test
    void tasksRunInOrderOneAtATimeEvenOnAPoolOfSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<Integer> order = new ArrayList<>(); // not thread-safe on purpose: one task at a time
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 1000; i++) {
                int n = i;
                serial.execute(() -> {
                    if (running.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    try {
                        order.add(n);
                        if (n == 500) {
                            throw new IllegalStateException("a failing task");
                        }
                    } finally {
                        running.decrementAndGet();
                    }
                });
            }
            serial.execute(done::countDown);
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(0, overlaps.get());
            assertEquals(1000, order.size());
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, order.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongQueueIsDrainedInTurnsOfBoundedLength() {
        List<Runnable> turns = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(turns::add);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 200; i++) {
            serial.execute(ran::incrementAndGet);
        }
        assertEquals(1, turns.size(), "one turn scheduled for the whole queue");
        int turnsRun = 0;
        while (turnsRun < turns.size()) {
            turns.get(turnsRun++).run();
        }
        assertEquals(200, ran.get());
        assertEquals(4, turnsRun, "64 tasks per turn: 200 tasks in 4 turns");
    }

    @Test
    void aPoolThatRefusesWorkDropsTheQueueAndTheExecutorRecovers() {
        List<Runnable> accepted = new ArrayList<>();
        boolean[] refuse = {true};
        SerialExecutor serial = new SerialExecutor(r -> {
            if (refuse[0]) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
            accepted.add(r);
        });
        AtomicInteger ran = new AtomicInteger();
        serial.execute(ran::incrementAndGet);
        refuse[0] = false;
        serial.execute(ran::incrementAndGet);
        accepted.forEach(Runnable::run);
        assertEquals(1, ran.get(), "the refused task was dropped, the next one ran");
    }
}
