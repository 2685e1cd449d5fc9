package io.socketeer.engineio.internal.session;

import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;

/**
 * The heartbeat timers of the protocol-4 sessions of one event loop: who is to be pinged next, and who must
 * have answered its ping by when. Every session of a server waits the same {@code pingInterval} before a ping
 * and the same {@code pingTimeout} for its pong, so each wait is a queue in order of deadline, and a session
 * joins at the tail. The sessions are the queues' links ({@link EngineSession#hbPrev}, {@link
 * EngineSession#hbNext}); one timer per queue is armed for its head. An idle connection so holds two
 * references instead of a scheduled task and its closure. Used on its loop only.
 */
public final class Heartbeats {

    private final EventLoop loop;
    final long intervalNanos;
    final long timeoutNanos;
    private final Queue pings = new Queue(true);
    private final Queue pongs = new Queue(false);
    // A session's deadline (EngineSession#heartbeatDeadline) is set before it joins a queue: one interval and
    // one timeout from then to be pinged (due one timeout before it), one timeout from then to answer.

    /**
     * Creates the timers of one loop.
     *
     * @param loop the loop whose sessions they serve
     * @param intervalNanos the wait before a ping
     * @param timeoutNanos the wait for a pong
     */
    public Heartbeats(EventLoop loop, long intervalNanos, long timeoutNanos) {
        this.loop = loop;
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
    }

    /** Pings {@code s} one timeout before its deadline (it leaves the queue it was in). */
    void pingLater(EngineSession s) {
        remove(s);
        pings.add(s);
    }

    /** Times {@code s} out at its deadline unless it answers (it leaves the queue it was in). */
    void awaitPong(EngineSession s) {
        remove(s);
        pongs.add(s);
    }

    /** Stops the timers of {@code s}. */
    void remove(EngineSession s) {
        if (s.hbQueue instanceof Queue q) {
            q.unlink(s);
        }
    }

    /** One queue: links through the sessions, its timer armed for the head's deadline. */
    private final class Queue implements Runnable {

        private final boolean ping;
        private EngineSession head;
        private EngineSession tail;
        private boolean armed;

        Queue(boolean ping) {
            this.ping = ping;
        }

        private long due(EngineSession s) {
            return ping ? s.heartbeatDeadline - timeoutNanos : s.heartbeatDeadline;
        }

        void add(EngineSession s) {
            s.hbQueue = this;
            s.hbPrev = tail;
            s.hbNext = null;
            if (tail == null) {
                head = s;
            } else {
                tail.hbNext = s;
            }
            tail = s;
            if (!armed) {
                arm(due(s) - loop.ticker().nanoTime());
            }
        }

        void unlink(EngineSession s) {
            if (s.hbPrev == null) {
                head = s.hbNext;
            } else {
                s.hbPrev.hbNext = s.hbNext;
            }
            if (s.hbNext == null) {
                tail = s.hbPrev;
            } else {
                s.hbNext.hbPrev = s.hbPrev;
            }
            s.hbPrev = null;
            s.hbNext = null;
            s.hbQueue = null;
        }

        private void arm(long delayNanos) {
            armed = true;
            loop.schedule(this, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            armed = false;
            long now = loop.ticker().nanoTime();
            EngineSession s;
            while ((s = head) != null && due(s) - now <= 0) {
                unlink(s);
                if (ping) {
                    s.sendPing();
                } else {
                    s.pongMissed();
                }
            }
            if (head != null && !armed) {
                arm(due(head) - now);
            }
        }
    }
}
