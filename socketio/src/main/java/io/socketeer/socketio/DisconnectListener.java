package io.socketeer.socketio;

/**
 * Learns that a socket is leaving ({@link Socket#onDisconnecting}) or has left ({@link Socket#onDisconnect})
 * its namespace.
 */
@FunctionalInterface
public interface DisconnectListener {

    /**
     * Called once, on the socket's handler executor.
     *
     * @param reason why
     */
    void onDisconnect(DisconnectReason reason);
}
