package io.socketeer.redis.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * This server's own broadcasts between their {@code XADD} and the moment its stream reader reads them back,
 * in the order they were added (one command connection: Redis adds them, and the reader returns them, in
 * that order). Normally each is delivered to this server's sockets when read back, with its entry id as the
 * offset. When Redis does not answer in time, {@link #overdue} delivers it here at once, and with it every
 * earlier one still waiting, so that a sender's events keep their order; reading such an entry back later
 * delivers nothing, so nothing arrives twice.
 *
 * <p>An entry read back is matched by its id when the {@code XADD}'s answer came first, else by the bytes of
 * its {@code data} field (the reader's connection may answer before the command connection does). Not
 * thread-safe: every method runs on the adapter's inbox.
 */
final class OwnBroadcasts {

    /** A broadcast of ours on its way through the stream. */
    static final class Pending {
        private final byte[] data;
        private final Runnable deliverHere;
        private String id;
        private boolean delivered;

        /**
         * @param data the entry's {@code data} field, as sent
         * @param deliverHere delivers it to this server's sockets without an offset
         */
        Pending(byte[] data, Runnable deliverHere) {
            this.data = data;
            this.deliverHere = deliverHere;
        }
    }

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();

    /**
     * Registers a broadcast; this happens before its {@code XADD} can be answered or read back.
     *
     * @param p the broadcast
     */
    void add(Pending p) {
        queue.add(p);
    }

    /**
     * Redis answered the {@code XADD}.
     *
     * @param p the broadcast
     * @param id its entry id
     */
    void added(Pending p, String id) {
        p.id = id;
    }

    /**
     * The {@code XADD} failed: the entry will never be read back, so it is delivered here now (if not yet).
     *
     * @param p the broadcast
     * @return whether it was delivered by this call
     */
    boolean failed(Pending p) {
        if (!queue.remove(p)) {
            return false;
        }
        return deliverOnce(p);
    }

    /**
     * Redis has not answered the {@code XADD} in time: delivers here, in order, every broadcast up to this one
     * that has not reached the sockets yet. Entries read back later are then skipped.
     *
     * @param p the broadcast
     * @return how many were delivered by this call
     */
    int overdue(Pending p) {
        if (!queue.contains(p)) {
            return 0; // read back or failed meanwhile
        }
        int n = 0;
        for (Pending q : queue) {
            if (deliverOnce(q)) {
                n++;
            }
            if (q == p) {
                break;
            }
        }
        return n;
    }

    /**
     * An entry of ours was read back from the stream. Earlier broadcasts whose entries lie before it were
     * trimmed before the reader reached them: they are delivered here (if not yet) and forgotten.
     *
     * @param id the entry's id
     * @param data its {@code data} field
     * @return whether the caller delivers it, with its offset (false: it reached the sockets already)
     */
    boolean readBack(String id, byte[] data) {
        Pending match = null;
        for (Pending q : queue) {
            if (id.equals(q.id) || (q.id == null && Arrays.equals(q.data, data))) {
                match = q;
                break;
            }
        }
        if (match == null) {
            // every broadcast of ours that travels the stream was registered: this one was delivered when its
            // XADD failed, or it is a second entry of one command that a reconnection sent again
            return false;
        }
        for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
            Pending q = it.next();
            if (q == match) {
                it.remove();
                break;
            }
            if (q.id != null && StreamEntries.compare(q.id, id) < 0) {
                it.remove();
                deliverOnce(q);
            }
        }
        return !match.delivered;
    }

    /** @return how many broadcasts are waiting to be read back */
    int size() {
        return queue.size();
    }

    private static boolean deliverOnce(Pending p) {
        if (p.delivered) {
            return false;
        }
        p.delivered = true;
        p.deliverHere.run();
        return true;
    }
}
