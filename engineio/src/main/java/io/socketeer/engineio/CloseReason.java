package io.socketeer.engineio;

/**
 * Why an Engine.IO session closed, named as the reference server names it.
 */
public enum CloseReason {
    /** The client closed the session (close packet, WebSocket close) or the connection went away cleanly. */
    TRANSPORT_CLOSE("transport close"),
    /** The transport failed: an aborted long-poll, an overlapping poll, an I/O error. */
    TRANSPORT_ERROR("transport error"),
    /** The client did not answer a ping in time (v4), or sent nothing in time (v3). */
    PING_TIMEOUT("ping timeout"),
    /** The client sent a packet that does not follow the protocol. */
    PARSE_ERROR("parse error"),
    /** The server application closed the session. */
    FORCED_CLOSE("forced close"),
    /** The client did not read what was sent to it and its outgoing queue passed {@code maxBufferedBytes}. */
    BUFFER_FULL("buffer full"),
    /** The server is shutting down. */
    SERVER_SHUTDOWN("server shutting down");

    private final String reason;

    CloseReason(String reason) {
        this.reason = reason;
    }

    /**
     * Returns the reason as the reference implementation spells it, e.g. {@code "ping timeout"}.
     *
     * @return the reason text
     */
    public String reason() {
        return reason;
    }
}
