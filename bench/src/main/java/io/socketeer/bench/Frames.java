package io.socketeer.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * Pre-encoded bytes the generator writes: WebSocket upgrade requests and masked client text frames
 * (RFC 6455 §5.2–5.3). A frame is encoded once and written many times as a retained duplicate, so the hot path
 * of the generator neither encodes JSON nor masks bytes.
 *
 * <p>The masking key is constant. RFC 6455 §5.3 asks clients for an unpredictable key to protect proxies from
 * cache poisoning; on loopback with no proxy, and with servers that only unmask, a fixed key changes nothing
 * they do.
 */
final class Frames {

    /** The masking key of every frame the generator sends. */
    static final byte[] MASK = {(byte) 0x5a, (byte) 0x3c, (byte) 0x96, (byte) 0xe1};
    /** The sample key of RFC 6455 §1.3; servers do not care which key a client picks. */
    static final String WEBSOCKET_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private Frames() {
    }

    /**
     * A masked, final text frame.
     *
     * @param text the payload
     * @return an unreleasable buffer; write {@code retainedDuplicate()}s of it
     */
    static ByteBuf text(String text) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(encode(0x1, text.getBytes(StandardCharsets.UTF_8)))
                .asReadOnly());
    }

    /**
     * Encodes a masked, final client frame.
     *
     * @param opcode  the opcode (1 text, 8 close…)
     * @param payload the unmasked payload
     * @return the frame's bytes
     */
    static byte[] encode(int opcode, byte[] payload) {
        int n = payload.length;
        int lengthBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + 4 + n];
        frame[0] = (byte) (0x80 | opcode);
        int i = 2;
        if (lengthBytes == 0) {
            frame[1] = (byte) (0x80 | n);
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[i++] = (byte) (n >>> 8);
            frame[i++] = (byte) n;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[i++] = (byte) ((long) n >>> shift);
            }
        }
        System.arraycopy(MASK, 0, frame, i, 4);
        i += 4;
        for (int k = 0; k < n; k++) {
            frame[i + k] = (byte) (payload[k] ^ MASK[k & 3]);
        }
        return frame;
    }

    /**
     * The HTTP/1.1 request that opens a WebSocket on {@code /socket.io/}.
     *
     * @param port  the server's port on 127.0.0.1
     * @param query the query string, e.g. {@code EIO=4&transport=websocket}
     * @return the request's bytes
     */
    static ByteBuf upgradeRequest(int port, String query) {
        String request = "GET /socket.io/?" + query + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + WEBSOCKET_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        return Unpooled.wrappedBuffer(request.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A Socket.IO event on the main namespace with one string argument, as a JSON array.
     *
     * @param ackId the acknowledgement id, or -1 for none
     * @param event the event name
     * @param arg   the argument (plain ASCII, no escaping needed)
     * @return the Engine.IO message packet, e.g. {@code 42["echo","x"]} or {@code 4217["echoack","x"]}
     */
    static String event(int ackId, String event, String arg) {
        return "42" + (ackId >= 0 ? Integer.toString(ackId) : "") + "[\"" + event + "\",\"" + arg + "\"]";
    }
}
