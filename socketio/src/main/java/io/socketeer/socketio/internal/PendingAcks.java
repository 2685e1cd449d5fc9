package io.socketeer.socketio.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.EventArgs;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * The acknowledgements one socket waits for from its client, by ack id: those of its own {@code emitWithAck}
 * and those of broadcasts that asked for answers. Any thread; the map is made by the first acknowledgement
 * asked for, so a socket that never asks holds none.
 */
final class PendingAcks {

    /**
     * One acknowledgement waited for: either a callback (a broadcast's) or a future (an emit's).
     *
     * @param onAnswer gets the answer's arguments, or {@code null} when {@code future} does
     * @param future completed with the answer, or {@code null} when {@code onAnswer} gets it
     * @param timer the timeout, or {@code null}
     * @param sentAt {@link System#nanoTime()} of the emit, for the observer's ack latency; 0 when unobserved
     */
    record Pending(Consumer<ArrayNode> onAnswer, CompletableFuture<EventArgs> future, ScheduledFuture<?> timer,
                   long sentAt) {
    }

    private volatile Map<Long, Pending> map;

    /** @return how many are waited for */
    int size() {
        Map<Long, Pending> m = map;
        return m == null ? 0 : m.size();
    }

    /**
     * Waits for an acknowledgement.
     *
     * @param ackId the id
     * @param pending what to do with the answer
     */
    void put(long ackId, Pending pending) {
        map().put(ackId, pending);
    }

    /**
     * Stops waiting for an acknowledgement: its answer came or its time ran out. The timer is cancelled.
     *
     * @param ackId the id
     * @return what waited for it, or {@code null} when nothing did (unknown, answered or timed out already)
     */
    Pending take(long ackId) {
        Map<Long, Pending> m = map;
        Pending p = m == null ? null : m.remove(ackId);
        if (p != null && p.timer() != null) {
            p.timer().cancel(false);
        }
        return p;
    }

    /**
     * Gives up on every acknowledgement: the socket is gone. Futures fail with a {@link CancellationException};
     * callbacks are not called.
     *
     * @param why the message of the exception
     */
    void cancelAll(String why) {
        Map<Long, Pending> m = map;
        if (m == null) {
            return;
        }
        for (Pending p : m.values()) {
            if (p.timer() != null) {
                p.timer().cancel(false);
            }
            if (p.future() != null) {
                p.future().completeExceptionally(new CancellationException(why));
            }
        }
        m.clear();
    }

    private Map<Long, Pending> map() {
        Map<Long, Pending> m = map;
        if (m == null) {
            synchronized (this) {
                m = map;
                if (m == null) {
                    map = m = new ConcurrentHashMap<>(2);
                }
            }
        }
        return m;
    }
}
