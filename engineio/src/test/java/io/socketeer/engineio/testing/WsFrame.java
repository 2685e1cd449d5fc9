package io.socketeer.engineio.testing;

import java.nio.charset.StandardCharsets;

/**
 * A WebSocket frame as the test client saw it.
 *
 * @param kind the frame type
 * @param data the payload bytes
 */
public record WsFrame(Kind kind, byte[] data) {

    /** Frame types. */
    public enum Kind { TEXT, BINARY, CLOSE, PING, PONG, CONTINUATION }

    /** @return the payload as UTF-8 (for text frames) */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** @return the status code of a close frame, or -1 if it has none */
    public int closeStatus() {
        return data.length >= 2 ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : -1;
    }

    @Override
    public String toString() {
        return "WsFrame[" + kind + ", " + (kind == Kind.TEXT ? text() : java.util.Arrays.toString(data)) + "]";
    }
}
