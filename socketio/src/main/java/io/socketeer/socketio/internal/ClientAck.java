package io.socketeer.socketio.internal;

import io.socketeer.socketio.Ack;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The acknowledgement a client asked for with one event: the first {@link #send} writes the ACK packet, later
 * ones do nothing, as the reference's ack callback answers once; nothing is written once the socket is
 * disconnected.
 */
final class ClientAck implements Ack {

    /** What a listener gets for an event that asked for no acknowledgement: sending does nothing. */
    static final Ack NONE = new Ack() {
        @Override
        public boolean requested() {
            return false;
        }

        @Override
        public void send(Object... args) {
        }
    };

    private static final AtomicIntegerFieldUpdater<ClientAck> SENT =
            AtomicIntegerFieldUpdater.newUpdater(ClientAck.class, "sent");

    private final DefaultSocket socket;
    private final long ackId;
    private volatile int sent;

    /**
     * Creates the acknowledgement of one event.
     *
     * @param socket the socket the event came to
     * @param ackId the event's ack id
     */
    ClientAck(DefaultSocket socket, long ackId) {
        this.socket = socket;
        this.ackId = ackId;
    }

    @Override
    public boolean requested() {
        return true;
    }

    @Override
    public void send(Object... args) {
        if (sent == 0 && SENT.compareAndSet(this, 0, 1) && socket.connected()) {
            socket.writeAck(ackId, args);
        }
    }
}
