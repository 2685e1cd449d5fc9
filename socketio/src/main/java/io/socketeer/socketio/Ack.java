package io.socketeer.socketio;

/**
 * Answers an event the client sent with an acknowledgement callback. Only the first {@link #send} counts.
 */
public interface Ack {

    /**
     * Tells whether the client asked for an acknowledgement; if not, {@link #send} does nothing.
     *
     * @return whether an answer is expected
     */
    boolean requested();

    /**
     * Sends the acknowledgement with arguments (any value Jackson can write; {@code byte[]} and
     * {@code ByteBuffer} travel as binary). May be called from any thread, also later than the listener's
     * return (after an asynchronous step); the arguments are serialised and encoded before it returns.
     *
     * @param args the arguments
     */
    void send(Object... args);
}
