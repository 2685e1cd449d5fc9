package io.socketeer.redis.internal;

/**
 * The types of the requests and responses servers exchange on the request and response channels, with the
 * numbers {@code @socket.io/redis-adapter} 8.x gives them.
 */
public enum RequestType {
    /** Socket ids in rooms (sent by older versions; still answered). */
    SOCKETS,
    /** Every room of a namespace. */
    ALL_ROOMS,
    /** Make sockets join rooms. */
    REMOTE_JOIN,
    /** Make sockets leave rooms. */
    REMOTE_LEAVE,
    /** Disconnect sockets. */
    REMOTE_DISCONNECT,
    /** Describe sockets ({@code fetchSockets}). */
    REMOTE_FETCH,
    /** An event for the other servers ({@code serverSideEmit}), and its answers. */
    SERVER_SIDE_EMIT,
    /** A broadcast asking for acknowledgements. */
    BROADCAST,
    /** How many clients a server sent a {@link #BROADCAST} to. */
    BROADCAST_CLIENT_COUNT,
    /** One client's acknowledgement of a {@link #BROADCAST}. */
    BROADCAST_ACK;

    private static final RequestType[] VALUES = values();

    /**
     * Returns the type of a wire number.
     *
     * @param n the number
     * @return the type, or {@code null} when unknown
     */
    public static RequestType of(int n) {
        return n >= 0 && n < VALUES.length ? VALUES[n] : null;
    }

    /** @return the wire number */
    public int code() {
        return ordinal();
    }
}
