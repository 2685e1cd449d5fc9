package io.socketeer.socketio;

/**
 * Why a socket left its namespace, named as the reference server names it (the string the client sees
 * where it reports reasons, and what {@code socket.on("disconnect")} gets in Node).
 */
public enum DisconnectReason {
    /** The server called {@link Socket#disconnect()}. */
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect"),
    /** The client disconnected the socket from the namespace. */
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
    /** The server closed the whole connection ({@code disconnect(true)} of a socket, or a protocol error). */
    FORCED_SERVER_CLOSE("forced server close"),
    /** The connection closed without a DISCONNECT packet (client closed, page went away). */
    TRANSPORT_CLOSE("transport close"),
    /** The connection failed. */
    TRANSPORT_ERROR("transport error"),
    /** The client stopped answering heartbeats. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent something that does not follow the protocol. */
    PARSE_ERROR("parse error"),
    /** The Engine.IO session was closed by the application. */
    FORCED_CLOSE("forced close"),
    /** The client did not read what was sent to it (its outgoing queue passed {@code maxBufferedBytes}). */
    BUFFER_FULL("buffer full"),
    /** The server is shutting down. */
    SERVER_SHUTTING_DOWN("server shutting down");

    private final String reason;

    DisconnectReason(String reason) {
        this.reason = reason;
    }

    /** @return the reason as the reference spells it */
    public String reason() {
        return reason;
    }
}
