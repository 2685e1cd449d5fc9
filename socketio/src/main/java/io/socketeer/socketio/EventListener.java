package io.socketeer.socketio;

/**
 * Handles an event from the client.
 */
@FunctionalInterface
public interface EventListener {

    /**
     * Called with the event's arguments, on the socket's handler executor.
     *
     * @param args the arguments
     */
    void onEvent(EventArgs args);
}
