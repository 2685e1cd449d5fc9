package io.socketeer.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Pre-encoded bytes the generator writes: WebSocket upgrade requests and masked client frames (RFC 6455
 * §5.2–5.3): text, binary (MessagePack packets) and text compressed with permessage-deflate (RFC 7692). A frame is
 * encoded once and written many times as a retained duplicate, so the hot path of the generator neither encodes
 * JSON or MessagePack, nor compresses, nor masks bytes.
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
    /**
     * The extension offer of the compressed connections, as browsers make it: no parameters, so the server keeps
     * one inflater per connection (a {@code client_no_context_takeover} offer would have it set up a new one for
     * every message, a cost browsers do not impose). The pre-compressed frames are each compressed on their own,
     * which a server inflater with context decodes all the same.
     */
    static final String PERMESSAGE_DEFLATE = "permessage-deflate";
    /** The tail of a sync-flushed deflate block, which RFC 7692 §7.2.1 strips from a compressed message. */
    private static final byte[] SYNC_TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private Frames() {
    }

    /**
     * A masked, final text frame.
     *
     * @param text the payload
     * @return an unreleasable buffer; write {@code retainedDuplicate()}s of it
     */
    static ByteBuf text(String text) {
        return preEncoded(encode(0x1, text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A masked, final binary frame, e.g. a MessagePack packet.
     *
     * @param payload the payload
     * @return an unreleasable buffer; write {@code retainedDuplicate()}s of it
     */
    static ByteBuf binary(byte[] payload) {
        return preEncoded(encode(0x2, false, payload));
    }

    /**
     * A masked, final text frame compressed on its own with permessage-deflate: RSV1 set, the payload
     * deflated with a fresh context and without the sync-flush tail (RFC 7692 §7.2.1).
     *
     * @param text the uncompressed text
     * @return an unreleasable buffer; write {@code retainedDuplicate()}s of it
     */
    static ByteBuf deflatedText(String text) {
        return preEncoded(encode(0x1, true, deflate(text.getBytes(StandardCharsets.UTF_8))));
    }

    private static ByteBuf preEncoded(byte[] frame) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame).asReadOnly());
    }

    /**
     * Compresses one message as permessage-deflate does with no context takeover: raw deflate (level 6,
     * Netty's and zlib's default), sync-flushed, with the trailing {@code 00 00 ff ff} removed.
     *
     * @param data the message
     * @return the compressed payload
     */
    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(6, true);
        try {
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] chunk = new byte[4096];
            int n;
            do {
                n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out.write(chunk, 0, n);
            } while (n == chunk.length);
            byte[] all = out.toByteArray();
            if (all.length < 4 || !Arrays.equals(all, all.length - 4, all.length, SYNC_TAIL, 0, 4)) {
                throw new IllegalStateException("no sync-flush tail");
            }
            return Arrays.copyOf(all, all.length - 4);
        } finally {
            deflater.end();
        }
    }

    /**
     * Encodes a masked, final client frame.
     *
     * @param opcode  the opcode (1 text, 8 close…)
     * @param payload the unmasked payload
     * @return the frame's bytes
     */
    static byte[] encode(int opcode, byte[] payload) {
        return encode(opcode, false, payload);
    }

    /**
     * Encodes a masked, final client frame.
     *
     * @param opcode  the opcode (1 text, 2 binary, 8 close…)
     * @param rsv1    whether to set RSV1 (permessage-deflate: the message is compressed)
     * @param payload the unmasked payload, as it goes on the wire
     * @return the frame's bytes
     */
    static byte[] encode(int opcode, boolean rsv1, byte[] payload) {
        int n = payload.length;
        int lengthBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + 4 + n];
        frame[0] = (byte) (0x80 | (rsv1 ? 0x40 : 0) | opcode);
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
        return upgradeRequest(port, query, null);
    }

    /**
     * The HTTP/1.1 request that opens a WebSocket on {@code /socket.io/}, offering extensions.
     *
     * @param port       the server's port on 127.0.0.1
     * @param query      the query string, e.g. {@code EIO=4&transport=websocket}
     * @param extensions the {@code Sec-WebSocket-Extensions} offer, or null for none
     * @return the request's bytes
     */
    static ByteBuf upgradeRequest(int port, String query, String extensions) {
        String request = "GET /socket.io/?" + query + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + WEBSOCKET_KEY + "\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
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
