package io.socketeer.socketio.internal;

import io.netty.util.concurrent.AbstractEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands the listener work of sockets from the event loops to the handler executor cheaply. Each socket has a
 * serial queue of tasks ({@link SocketTasks}); a socket with work waits in one shared ready queue, and a few
 * <em>runners</em>, tasks on the handler executor, take sockets from it and run a batch of each one's tasks.
 * A runner is started only when none runs (or, on several cores, when the queue grows deep), so the packets of
 * a whole read batch wake one thread, not one per packet.
 *
 * <p>Writes a listener makes on a runner are queued on the connection's event loop without waking it (Netty's
 * {@code lazyExecute}); the runner wakes each loop it wrote to once, when the ready queue runs dry (and every
 * {@value #WAKE_EVERY} sockets meanwhile). They keep their order with everything else sent to the loop: it is
 * one queue.
 *
 * <p>Listeners may block: a watchdog on an event loop checks every {@value #WATCH_MILLIS} ms, while runners
 * exist, that they make progress; when none ran a task since the last check and sockets wait, it starts
 * another runner. A blocking listener then holds up the other sockets for about that long, and its own
 * socket's later events for as long as it blocks, as before. At most {@value #MAX_RUNNERS} runners exist,
 * so that a pool whose threads all block does not queue a new one every check.
 */
final class HandlerDispatcher {

    private static final Logger log = LoggerFactory.getLogger(HandlerDispatcher.class);
    /** Tasks of one socket run per turn, so that one busy socket does not starve the others. */
    static final int BATCH = 64;
    private static final int WAKE_EVERY = 32;
    private static final long WATCH_MILLIS = 10;
    /** Waiting sockets per running runner above which another starts, up to the number of processors. */
    private static final int DEPTH_PER_RUNNER = 16;
    /** Runners at most, blocked ones included: a pool whose threads all block queues no more than this. */
    private static final int MAX_RUNNERS = 256;
    private static final Runnable WAKE = () -> { };
    private static final ThreadLocal<Runner> CURRENT = new ThreadLocal<>();

    private final Executor pool;
    private final int maxRunners;
    private final Queue<SocketTasks> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicInteger runners = new AtomicInteger();
    private final AtomicBoolean watching = new AtomicBoolean();
    /** A loop has a task queued that starts a runner at the end of its turn. */
    private final AtomicBoolean startPending = new AtomicBoolean();
    /** Tasks run so far, all runners together; the watchdog only looks whether it moves. */
    private volatile long progress;
    private long seenProgress; // the watchdog's, on whichever loop runs it (never two at once)

    /**
     * @param pool the handler executor
     */
    HandlerDispatcher(Executor pool) {
        this.pool = pool;
        this.maxRunners = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Returns a new serial executor for one socket.
     *
     * @param loop the event loop of the socket's connection (runs the watchdog)
     * @return the executor
     */
    SocketTasks newSocket(ScheduledExecutorService loop) {
        return new SocketTasks(this, loop);
    }

    /**
     * The event loop of the runner running on this thread, if it is one, gets a write to run without being
     * woken now: the runner wakes it later.
     *
     * @param loop the connection's event loop
     * @param write the write, run on the loop
     * @return false if this thread is no runner (or the loop cannot queue lazily): the caller writes as usual
     */
    static boolean deferWrite(Executor loop, Runnable write) {
        if (!(loop instanceof AbstractEventExecutor l)) {
            return false;
        }
        Runner r = CURRENT.get();
        if (r == null || l.inEventLoop()) {
            return false;
        }
        l.lazyExecute(write);
        r.toWake(l);
        return true;
    }

    /**
     * A socket got work; called once until its batch has run ({@link SocketTasks}). On an event loop, a runner
     * is not started at once but by a task that runs once the loop has handled every ready channel of its
     * turn: the packets of the whole read batch then wait for it, and the thread woken does not preempt the
     * loop after the first one.
     */
    void ready(SocketTasks socket) {
        ready.add(socket);
        depth.incrementAndGet();
        if (!needRunner()) {
            return;
        }
        ScheduledExecutorService loop = socket.loop();
        if (loop instanceof AbstractEventExecutor l && l.inEventLoop()) {
            if (!startPending.get() && startPending.compareAndSet(false, true)) {
                l.execute(() -> {
                    startPending.set(false);
                    if (needRunner()) {
                        start();
                        watch(loop);
                    }
                });
            }
            return;
        }
        start();
        watch(loop);
    }

    private boolean needRunner() {
        int r = runners.get();
        return r == 0 || (r < maxRunners && depth.get() > r * DEPTH_PER_RUNNER && CURRENT.get() == null);
    }

    private void start() {
        runners.incrementAndGet();
        try {
            pool.execute(new Runner());
        } catch (RejectedExecutionException e) {
            runners.decrementAndGet();
            log.debug("handler executor refused work; dropping queued listener tasks");
            SocketTasks s;
            while ((s = ready.poll()) != null) {
                depth.decrementAndGet();
                s.clear();
            }
        }
    }

    private void watch(ScheduledExecutorService loop) {
        if (!watching.get() && watching.compareAndSet(false, true)) {
            seenProgress = progress;
            schedule(loop);
        }
    }

    private void schedule(ScheduledExecutorService loop) {
        try {
            loop.schedule(() -> check(loop), WATCH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            watching.set(false); // the loop is shutting down
        }
    }

    /** The watchdog: a runner more when every runner is stuck in a listener and sockets wait. */
    private void check(ScheduledExecutorService loop) {
        long now = progress;
        int r = runners.get();
        if (now == seenProgress && !ready.isEmpty() && r > 0 && r < MAX_RUNNERS) {
            log.debug("listeners blocked for {} ms with sockets waiting: one more runner", WATCH_MILLIS);
            start();
        }
        seenProgress = now;
        if (runners.get() > 0 || !ready.isEmpty()) {
            schedule(loop);
            return;
        }
        watching.set(false);
        if ((runners.get() > 0 || !ready.isEmpty()) && watching.compareAndSet(false, true)) {
            schedule(loop);
        }
    }

    /** A task of a socket ran. */
    void ran() {
        progress++; // a lost increment when two runners race is harmless: the watchdog only needs it to move
    }

    /** Takes sockets from the ready queue until it is empty, then wakes the loops written to. */
    private final class Runner implements Runnable {

        private final List<AbstractEventExecutor> loops = new ArrayList<>(2);

        void toWake(AbstractEventExecutor loop) {
            for (int i = 0, n = loops.size(); i < n; i++) {
                if (loops.get(i) == loop) {
                    return;
                }
            }
            loops.add(loop);
        }

        @Override
        public void run() {
            CURRENT.set(this);
            try {
                int turns = 0;
                for (;;) {
                    SocketTasks s = ready.poll();
                    if (s == null) {
                        wake();
                        runners.decrementAndGet();
                        if (ready.isEmpty()) {
                            return;
                        }
                        runners.incrementAndGet(); // work came in meanwhile, and its sender may count on us
                        continue;
                    }
                    depth.decrementAndGet();
                    s.runBatch();
                    if (++turns % WAKE_EVERY == 0) {
                        wake();
                    }
                }
            } finally {
                CURRENT.remove();
            }
        }

        private void wake() {
            for (int i = 0, n = loops.size(); i < n; i++) {
                try {
                    loops.get(i).execute(WAKE);
                } catch (RejectedExecutionException e) {
                    // the loop is shutting down
                }
            }
            loops.clear();
        }
    }
}
