package io.socketeer.socketio.adapter;

/**
 * Socket.IO packet types and their wire digit (Socket.IO protocol v5 §"Packet types"; the same in v4).
 */
public enum PacketType {
    /** Connection to a namespace (both directions). */
    CONNECT,
    /** Disconnection from a namespace (both directions). */
    DISCONNECT,
    /** An event with JSON arguments. */
    EVENT,
    /** An acknowledgement with JSON arguments. */
    ACK,
    /** A refused connection to a namespace (server to client). */
    CONNECT_ERROR,
    /** An event whose arguments hold binary attachments. */
    BINARY_EVENT,
    /** An acknowledgement whose arguments hold binary attachments. */
    BINARY_ACK;

    private static final PacketType[] VALUES = values();

    /**
     * Returns the type of a wire digit.
     *
     * @param c the character
     * @return the type, or {@code null}
     */
    public static PacketType of(int c) {
        int i = c - '0';
        return i >= 0 && i < VALUES.length ? VALUES[i] : null;
    }

    /** @return the wire digit */
    public char digit() {
        return (char) ('0' + ordinal());
    }
}
