package io.socketeer.socketio.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The serial executor of one socket whose listeners run off the event loop: its tasks run one at a time, in
 * the order they were submitted, in batches that a {@link HandlerDispatcher} runner takes. A task that throws
 * is logged and the next one runs.
 */
final class SocketTasks implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SocketTasks.class);
    private static final AtomicIntegerFieldUpdater<SocketTasks> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(SocketTasks.class, "scheduled");

    private final HandlerDispatcher dispatcher;
    private final ScheduledExecutorService loop;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** 1 from the first task submitted until a batch has run and found nothing more. */
    private volatile int scheduled;

    SocketTasks(HandlerDispatcher dispatcher, ScheduledExecutorService loop) {
        this.dispatcher = dispatcher;
        this.loop = loop;
    }

    ScheduledExecutorService loop() {
        return loop;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled == 0 && SCHEDULED.compareAndSet(this, 0, 1)) {
            dispatcher.ready(this);
        }
    }

    /** Runs up to {@link HandlerDispatcher#BATCH} tasks; on a runner. */
    void runBatch() {
        for (int i = 0; i < HandlerDispatcher.BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.warn("task failed", e);
            }
            dispatcher.ran();
        }
        if (!tasks.isEmpty()) {
            dispatcher.ready(this); // still scheduled: back in the queue, behind the sockets waiting
            return;
        }
        scheduled = 0;
        if (!tasks.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1)) {
            dispatcher.ready(this);
        }
    }

    /** Drops the queued tasks: the handler executor refused work (the server is stopping). */
    void clear() {
        tasks.clear();
        scheduled = 0;
    }
}
