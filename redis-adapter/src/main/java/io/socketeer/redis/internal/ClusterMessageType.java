package io.socketeer.redis.internal;

/**
 * The message types of the cluster protocol of {@code socket.io-adapter} 2.5 ({@code ClusterAdapter}), which
 * the sharded mode of {@code @socket.io/redis-adapter} 8.x and {@code @socket.io/redis-streams-adapter} 0.3.x
 * speak, with their wire numbers.
 */
public enum ClusterMessageType {
    /** A server announces itself (heartbeat variants only; ignored here). */
    INITIAL_HEARTBEAT(1),
    /** A server is alive (heartbeat variants only; ignored here). */
    HEARTBEAT(2),
    /** A broadcast, with {@code requestId} when it asks for acknowledgements. */
    BROADCAST(3),
    /** Make sockets join rooms. */
    SOCKETS_JOIN(4),
    /** Make sockets leave rooms. */
    SOCKETS_LEAVE(5),
    /** Disconnect sockets. */
    DISCONNECT_SOCKETS(6),
    /** Describe sockets. */
    FETCH_SOCKETS(7),
    /** One server's sockets. */
    FETCH_SOCKETS_RESPONSE(8),
    /** An event for the other servers, with {@code requestId} when it asks for answers. */
    SERVER_SIDE_EMIT(9),
    /** One server's answer to a server-side event. */
    SERVER_SIDE_EMIT_RESPONSE(10),
    /** How many clients a server sent a broadcast with acknowledgements to. */
    BROADCAST_CLIENT_COUNT(11),
    /** One client's acknowledgement. */
    BROADCAST_ACK(12),
    /** A server leaves (heartbeat variants only; ignored here). */
    ADAPTER_CLOSE(13);

    private final int code;

    ClusterMessageType(int code) {
        this.code = code;
    }

    /** @return the wire number */
    public int code() {
        return code;
    }

    /**
     * Returns the type of a wire number.
     *
     * @param code the number
     * @return the type, or {@code null} when unknown
     */
    public static ClusterMessageType of(int code) {
        return code >= 1 && code <= 13 ? values()[code - 1] : null;
    }
}
