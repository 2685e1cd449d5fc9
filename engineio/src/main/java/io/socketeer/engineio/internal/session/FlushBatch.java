package io.socketeer.engineio.internal.session;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;

/**
 * The sessions of one event loop that have messages queued in the current turn of the loop, flushed
 * together by one task. A broadcast to a thousand sessions then costs one task, not a thousand: no task
 * object, queue insertion or wake-up check per session.
 */
final class FlushBatch implements Runnable {

    private static final FastThreadLocal<FlushBatch> CURRENT = new FastThreadLocal<>();

    private final EventLoop loop;
    private ArrayList<EngineSession> pending = new ArrayList<>();
    private ArrayList<EngineSession> spare = new ArrayList<>();
    private boolean scheduled;

    private FlushBatch(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Schedules a session's flush; called on the session's event loop.
     *
     * @param session the session
     * @return false if this thread batches for another loop (tests running several loops on one thread):
     *         the caller schedules the flush itself
     */
    static boolean add(EngineSession session) {
        FlushBatch batch = CURRENT.get();
        if (batch == null) {
            batch = new FlushBatch(session.loop());
            CURRENT.set(batch);
        } else if (batch.loop != session.loop()) {
            return false;
        }
        batch.pending.add(session);
        if (!batch.scheduled) {
            batch.scheduled = true;
            batch.loop.execute(batch);
        }
        return true;
    }

    @Override
    public void run() {
        scheduled = false;
        ArrayList<EngineSession> sessions = pending;
        pending = spare;
        for (int i = 0, n = sessions.size(); i < n; i++) {
            sessions.get(i).flushTask();
        }
        sessions.clear();
        if (sessions.size() > 4096) {
            sessions.trimToSize();
        }
        spare = sessions;
    }
}
