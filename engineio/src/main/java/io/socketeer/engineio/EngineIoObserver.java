package io.socketeer.engineio;

/**
 * Learns of what the server refuses or fails at, for metrics: every method has a default that does nothing,
 * so an observer overrides only what it counts, and a server without one pays nothing. Set with
 * {@link EngineIoOptions.Builder#observer(EngineIoObserver)}.
 *
 * <p>Callbacks run on the I/O thread where the event happened, possibly on several threads at once; they
 * must be quick, thread-safe and must not throw.
 */
public interface EngineIoObserver {

    /** The observer that observes nothing (the default). */
    EngineIoObserver NONE = new EngineIoObserver() {
    };

    /**
     * A handshake (a request without a session id) was refused, so no session opened.
     *
     * @param reason the reference's error message, e.g. {@code Transport unknown}, {@code Forbidden},
     *               {@code Unsupported protocol version}, {@code Bad handshake method}, {@code Bad request}
     */
    default void handshakeRefused(String reason) {
    }

    /**
     * An upgrade of a session from polling to WebSocket failed; the session goes on over polling (the
     * client may try again).
     *
     * @param reason why, e.g. {@code upgrade timeout}, {@code probe closed}, or the error message of a refused
     *               upgrade request
     */
    default void upgradeFailed(String reason) {
    }

    /**
     * A request was answered with an Engine.IO error (400 or 403 with the protocol's error body, or a refused
     * WebSocket upgrade), whether it was a handshake or a request of a session, as the reference's
     * {@code connection_error} event. Refused handshakes and upgrades are also told to {@link #handshakeRefused}
     * and {@link #upgradeFailed}.
     *
     * @param error what was refused, and why
     */
    default void connectionError(ConnectionError error) {
    }
}
