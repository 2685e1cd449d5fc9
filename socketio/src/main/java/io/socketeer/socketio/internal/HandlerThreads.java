package io.socketeer.socketio.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default handler executor: daemon platform threads named {@code socketio-handler-N}, made when no idle
 * one is waiting and ended after {@value #KEEP_ALIVE_SECONDS} s idle; a task goes straight to an idle thread
 * (a cached pool: no queue of its own). The {@link HandlerDispatcher} keeps one runner busy per burst of
 * work (more on several cores under load, or while listeners block), so few threads exist, and the one that
 * ran the last burst takes the next: a single wake-up, and its thread-locals stay.
 *
 * <p>Why not virtual threads where the JDK has them: their scheduler, a fork-join pool, spins for a while
 * before parking a carrier that ran out of work, and a runner ends after every burst. In the bench's echo at
 * 10 clients on JDK 25, listeners on virtual threads spent 2.1–2.8 µs of user time per event, on this pool
 * 1.2–1.4; on JDK 17 it costs no more than the fork-join pool it replaced. A listener that blocks holds its
 * thread; the dispatcher's watchdog starts another runner, so other sockets go on. To run listeners on virtual
 * threads anyway, pass {@code Executors.newVirtualThreadPerTaskExecutor()} as the handler executor.
 */
final class HandlerThreads {

    static final long KEEP_ALIVE_SECONDS = 60;

    private HandlerThreads() {
    }

    /**
     * Returns a new pool.
     *
     * @return the pool; its threads have the creating thread's context class loader
     */
    static ExecutorService newPool() {
        AtomicInteger count = new AtomicInteger();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ThreadFactory factory = task -> {
            // no inheritable thread-locals: the thread is made on whatever thread needed it first
            Thread t = new Thread(null, task, "socketio-handler-" + count.incrementAndGet(), 0, false);
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), factory);
    }
}
