package io.socketeer.engineio.internal.protocol;

/**
 * Engine.IO packet types and their wire digit (protocol v4 §"Packet encoding"; identical in v3).
 */
public enum PacketType {
    /** Sent by the server with the handshake data. */
    OPEN,
    /** Closes the session. */
    CLOSE,
    /** Heartbeat request (server to client in v4, client to server in v3), or the upgrade probe. */
    PING,
    /** Heartbeat answer, or the answer to the upgrade probe. */
    PONG,
    /** Application data. */
    MESSAGE,
    /** Completes an upgrade to WebSocket. */
    UPGRADE,
    /** Does nothing; releases a pending long-poll during an upgrade. */
    NOOP;

    private static final PacketType[] VALUES = values();

    /**
     * Returns the wire character of this type.
     *
     * @return '0' to '6'
     */
    public char digit() {
        return (char) ('0' + ordinal());
    }

    /**
     * Returns the type of a wire character.
     *
     * @param c the character
     * @return the type, or {@code null} if {@code c} names none
     */
    public static PacketType of(int c) {
        int i = c - '0';
        return i >= 0 && i < VALUES.length ? VALUES[i] : null;
    }
}
