package io.socketeer.socketio;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of connection state recovery: after a temporary disconnection, a client that comes back with its
 * private session id and the offset of the last event it got has its socket id, rooms and data restored, and
 * receives the events it missed (the reference's {@code connectionStateRecovery}).
 *
 * @param maxDisconnectionDuration how long a session and the events sent meanwhile are kept
 * @param skipMiddlewares whether a recovered socket skips the namespace's middlewares
 */
public record ConnectionStateRecovery(Duration maxDisconnectionDuration, boolean skipMiddlewares) {

    /**
     * Checks the values.
     *
     * @param maxDisconnectionDuration see the record component
     * @param skipMiddlewares see the record component
     */
    public ConnectionStateRecovery {
        Objects.requireNonNull(maxDisconnectionDuration);
        if (maxDisconnectionDuration.isNegative()) {
            throw new IllegalArgumentException("maxDisconnectionDuration must not be negative");
        }
    }

    /** @return the reference's defaults: two minutes, middlewares skipped */
    public static ConnectionStateRecovery defaults() {
        return new ConnectionStateRecovery(Duration.ofMinutes(2), true);
    }
}
