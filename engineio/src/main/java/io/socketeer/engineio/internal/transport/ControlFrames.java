package io.socketeer.engineio.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The control frames a server sends on a connection whose frames it writes as bytes itself (RFC 6455 §5.5):
 * unmasked, final, at most 125 bytes of payload. The caller owns the buffer returned and hands it to a write.
 */
public final class ControlFrames {

    private static final int CLOSE = 0x88;
    private static final int PONG = 0x8A;

    private ControlFrames() {
    }

    /**
     * A close frame with a status code and no reason (§5.5.1).
     *
     * @param status the status code (§7.4)
     * @return the frame's bytes
     */
    public static ByteBuf close(int status) {
        return Unpooled.wrappedBuffer(new byte[] {(byte) CLOSE, 2, (byte) (status >>> 8), (byte) status});
    }

    /**
     * A close frame carrying a body as it came: the echo of a client's close frame (§5.5.1).
     *
     * @param body empty, or a status code and a UTF-8 reason; at most 125 bytes
     * @return the frame's bytes
     */
    public static ByteBuf close(byte[] body) {
        return control(CLOSE, body);
    }

    /**
     * The pong that answers a ping, with the ping's payload (§5.5.3).
     *
     * @param payload the ping's application data, at most 125 bytes
     * @return the frame's bytes
     */
    public static ByteBuf pong(byte[] payload) {
        return control(PONG, payload);
    }

    private static ByteBuf control(int first, byte[] payload) {
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) first;
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return Unpooled.wrappedBuffer(frame);
    }
}
