package io.socketeer.socketio;

/**
 * Handles an event from the client that may ask for an acknowledgement.
 */
@FunctionalInterface
public interface AckEventListener {

    /**
     * Called with the event's arguments, on the socket's handler executor.
     *
     * @param args the arguments
     * @param ack the acknowledgement to send; {@link Ack#requested()} tells whether the client wants one
     */
    void onEvent(EventArgs args, Ack ack);
}
