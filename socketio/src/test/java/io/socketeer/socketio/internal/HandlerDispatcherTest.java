package io.socketeer.socketio.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-off of listener work from event loops to the handler executor: each socket's tasks run one at a
 * time and in order, whether submitted on its loop or elsewhere; a listener that blocks does not hold up the
 * other sockets for long; writes made on a runner reach the loop, after the runner's earlier writes and before
 * what it sends the loop afterwards; a pool that refuses work drops the queued tasks quietly.
 */
class HandlerDispatcherTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    /** A loop that sleeps in its selector: a task queued lazily waits until something wakes it. */
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void eachSocketsTasksRunOneAtATimeInOrder() throws Exception {
        HandlerDispatcher d = new HandlerDispatcher(pool);
        int sockets = 20;
        int perSocket = 500;
        List<List<Integer>> orders = new ArrayList<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(sockets);
        List<SocketTasks> all = new ArrayList<>();
        for (int s = 0; s < sockets; s++) {
            all.add(d.newSocket(loop));
            orders.add(new ArrayList<>()); // not thread-safe on purpose: one task of a socket at a time
        }
        Runnable submitAll = () -> {
            for (int i = 0; i < perSocket; i++) {
                for (int s = 0; s < sockets; s++) {
                    List<Integer> order = orders.get(s);
                    AtomicInteger running = new AtomicInteger();
                    int n = i;
                    boolean fails = n == 250 && s == 0;
                    all.get(s).execute(() -> {
                        if (running.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        order.add(n);
                        running.decrementAndGet();
                        if (fails) {
                            throw new IllegalStateException("a failing task");
                        }
                    });
                }
            }
            for (SocketTasks t : all) {
                t.execute(done::countDown);
            }
        };
        loop.submit(submitAll).sync(); // on the loop: runners start at the end of its turn
        assertTrue(done.await(20, TimeUnit.SECONDS));
        CountDownLatch again = new CountDownLatch(sockets);
        for (SocketTasks t : all) {
            t.execute(again::countDown); // off the loop: a runner starts at once
        }
        assertTrue(again.await(20, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get());
        for (List<Integer> order : orders) {
            assertEquals(perSocket, order.size());
            for (int i = 0; i < perSocket; i++) {
                assertEquals(i, order.get(i));
            }
        }
    }

    @Test
    void aBlockingListenerDoesNotHoldUpOtherSockets() throws Exception {
        HandlerDispatcher d = new HandlerDispatcher(pool);
        SocketTasks blocked = d.newSocket(loop);
        SocketTasks other = d.newSocket(loop);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        AtomicBoolean blockedDone = new AtomicBoolean();
        loop.submit(() -> {
            blocked.execute(() -> {
                blocking.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                blockedDone.set(true);
            });
            other.execute(otherRan::countDown); // queued behind the blocked one, on the same runner
        }).sync();
        assertTrue(blocking.await(10, TimeUnit.SECONDS));
        assertTrue(otherRan.await(10, TimeUnit.SECONDS), "the other socket waited for the blocked listener");
        assertFalse(blockedDone.get());
        CountDownLatch after = new CountDownLatch(1);
        blocked.execute(after::countDown);
        release.countDown();
        assertTrue(after.await(10, TimeUnit.SECONDS));
    }

    @Test
    void writesOfARunnerReachTheLoopInOrderWithWhatItSendsLater() throws Exception {
        HandlerDispatcher d = new HandlerDispatcher(pool);
        SocketTasks socket = d.newSocket(loop);
        List<String> onLoop = new ArrayList<>(); // touched on the loop only
        CompletableFuture<Boolean> deferred = new CompletableFuture<>();
        CountDownLatch closed = new CountDownLatch(1);
        socket.execute(() -> {
            deferred.complete(HandlerDispatcher.deferWrite(loop, () -> onLoop.add("write 1")));
            HandlerDispatcher.deferWrite(loop, () -> onLoop.add("write 2"));
            loop.execute(() -> {
                onLoop.add("close");
                closed.countDown();
            });
        });
        assertTrue(deferred.get(10, TimeUnit.SECONDS), "a write on a runner is deferred");
        assertTrue(closed.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("write 1", "write 2", "close"), loop.submit(() -> List.copyOf(onLoop)).get());
        assertFalse(HandlerDispatcher.deferWrite(loop, () -> { }), "not on a runner: written as usual");
        assertFalse(loop.submit(() -> HandlerDispatcher.deferWrite(loop, () -> { })).get());
    }

    @Test
    void aDeferredWriteReachesASleepingLoopWithNothingElseWakingIt() throws Exception {
        HandlerDispatcher d = new HandlerDispatcher(pool);
        SocketTasks socket = d.newSocket(loop);
        CountDownLatch written = new CountDownLatch(1);
        socket.execute(() -> HandlerDispatcher.deferWrite(loop, written::countDown));
        assertTrue(written.await(10, TimeUnit.SECONDS), "the deferred write ran without anything else waking the loop");
    }

    @Test
    void aPoolThatRefusesWorkDropsTheTasks() throws Exception {
        ExecutorService dead = Executors.newSingleThreadExecutor();
        dead.shutdown();
        HandlerDispatcher d = new HandlerDispatcher(dead);
        SocketTasks socket = d.newSocket(loop);
        AtomicBoolean ran = new AtomicBoolean();
        socket.execute(() -> ran.set(true)); // no exception
        loop.submit(() -> socket.execute(() -> ran.set(true))).sync();
        loop.submit(() -> { }).sync(); // the deferred start has run, and was refused
        assertFalse(ran.get());
    }
}
