package io.socketeer.engineio.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import io.socketeer.engineio.internal.session.EngineSession;
import io.socketeer.engineio.internal.transport.ControlFrames;
import io.socketeer.engineio.internal.transport.WebSocketTransport;

import java.util.Arrays;

/**
 * Reads the frames of a client (RFC 6455 §5.2) from the socket's bytes, with no decoder before it and no frame
 * objects: each payload is unmasked straight into the array the packet keeps. It refuses what the RFC forbids
 * a client, with the close codes the reference's ws uses: 1002 for a frame that breaks the framing rules
 * (reserved bits or opcodes, an unmasked frame, a fragmented or long control frame, a length not in its
 * shortest form, fragments out of order, a close frame whose code is not one a peer may send), 1009 for a
 * message longer than {@code maxPayload} (from the frame's header, before its payload is buffered), 1007
 * for text or a close reason that is not UTF-8. Pings are answered with pongs; a close frame is echoed and
 * ends the connection, and nothing after it is read.
 */
final class WebSocketBytesHandler extends EngineIoWebSocketHandler {

    private static final int CONTINUATION = 0;
    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int PONG = 10;

    /** Bytes of a frame not complete yet, or {@code null}. */
    private ByteBuf pending;
    /** A close frame was read (or the socket failed): what follows is dropped. */
    private boolean closing;

    WebSocketBytesHandler(EngineSession session, WebSocketTransport ws, int maxPayload) {
        super(session, ws, maxPayload);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            // what the HTTP decoder still passed on after the upgrade request (its empty last content)
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing || failed()) {
            in.release();
            return;
        }
        ByteBuf buf = in;
        if (pending != null) {
            buf = pending.writeBytes(in); // a frame that came in several reads: gathered in our own buffer
            pending = null;
            in.release();
        }
        try {
            while (buf.isReadable() && frame(ctx, buf)) {
                // one frame read
            }
            if (buf.isReadable() && !closing && !failed() && !ctx.isRemoved()) {
                if (buf != in) {
                    buf.discardSomeReadBytes();
                    pending = buf;
                    buf = null;
                } else {
                    // copied: the socket's read buffer may be large and mostly read
                    pending = ctx.alloc().buffer(Math.max(64, buf.readableBytes() * 2)).writeBytes(buf);
                }
            }
        } finally {
            if (buf != null) {
                buf.release();
            }
        }
    }

    /**
     * Reads one frame if it is all there.
     *
     * @return whether a frame was read; false if more bytes are needed or the socket failed
     */
    private boolean frame(ChannelHandlerContext ctx, ByteBuf buf) {
        int r = buf.readerIndex();
        int n = buf.readableBytes();
        if (n < 2) {
            return false;
        }
        int b0 = buf.getUnsignedByte(r);
        int b1 = buf.getUnsignedByte(r + 1);
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        int len7 = b1 & 0x7F;
        String violation = violation(b0, b1, fin, opcode, len7);
        if (violation != null) {
            return fail(ctx, violation);
        }
        long length;
        int header;
        if (len7 == 126) {
            if (n < 4) {
                return false;
            }
            length = buf.getUnsignedShort(r + 2);
            header = 8;
            if (length < 126) {
                return fail(ctx, "length not in its shortest form");
            }
        } else if (len7 == 127) {
            if (n < 10) {
                return false;
            }
            length = buf.getLong(r + 2);
            header = 14;
            if (length < 65536) { // a negative length (the high bit set) too
                return fail(ctx, "length not in its shortest form");
            }
        } else {
            length = len7;
            header = 6;
        }
        if (length > maxPayload() - (opcode == CONTINUATION ? fragmentsLength() : 0)) {
            fail(ctx, "message longer than " + maxPayload() + " bytes", 1009);
            return false;
        }
        if (n < header + length) {
            return false;
        }
        byte[] payload = unmask(buf, r + header, (int) length, buf.getInt(r + header - 4));
        buf.readerIndex(r + header + (int) length);
        switch (opcode) {
            case TEXT, BINARY -> data(ctx, false, opcode == TEXT, fin, payload);
            case CONTINUATION -> data(ctx, true, false, fin, payload);
            case CLOSE -> close(ctx, payload);
            case PING -> ctx.writeAndFlush(ControlFrames.pong(payload), ctx.voidPromise());
            default -> { } // a pong: nothing to do
        }
        return !failed() && !closing;
    }

    /** @return what is wrong with a frame's first two bytes, or {@code null} */
    private String violation(int b0, int b1, boolean fin, int opcode, int len7) {
        if ((b0 & 0x70) != 0) {
            return "reserved bits set with no extension";
        }
        if ((b1 & 0x80) == 0) {
            return "unmasked frame from a client";
        }
        if (opcode >= CLOSE) {
            if (opcode > PONG) {
                return "reserved control opcode " + opcode;
            }
            if (!fin) {
                return "fragmented control frame";
            }
            if (len7 > 125) {
                return "control frame longer than 125 bytes";
            }
            return opcode == CLOSE && len7 == 1 ? "close frame with a one-byte body" : null;
        }
        if (opcode > BINARY) {
            return "reserved data opcode " + opcode;
        }
        if (opcode == CONTINUATION && !inMessage()) {
            return "continuation frame outside a message";
        }
        return opcode != CONTINUATION && inMessage() ? "data frame inside a fragmented message" : null;
    }

    /** A close frame: checked (§5.5.1, §7.4), echoed, and the connection closed once the echo is written. */
    private void close(ChannelHandlerContext ctx, byte[] body) {
        if (body.length >= 2) {
            int status = (body[0] & 0xFF) << 8 | body[1] & 0xFF;
            if (!WebSocketCloseStatus.isValidStatusCode(status)) {
                fail(ctx, "close status " + status);
                return;
            }
            if (!isUtf8(Arrays.copyOfRange(body, 2, body.length))) {
                fail(ctx, "close reason that is not UTF-8", 1007);
                return;
            }
        }
        closing = true;
        ctx.writeAndFlush(ControlFrames.close(body)).addListener(ChannelFutureListener.CLOSE);
    }

    private boolean fail(ChannelHandlerContext ctx, String violation) {
        fail(ctx, violation, 1002);
        return false;
    }

    /**
     * Copies a payload out of the buffer, removing the client's mask (§5.3) on the way. A plain loop over the
     * bytes: a var handle reading eight at a time is linked on its first use, which costs a fresh server tens of
     * milliseconds on its first frame, and the payloads of Engine.IO packets are short.
     */
    private static byte[] unmask(ByteBuf buf, int from, int length, int mask) {
        byte[] out = new byte[length];
        buf.getBytes(from, out);
        byte m0 = (byte) (mask >>> 24);
        byte m1 = (byte) (mask >>> 16);
        byte m2 = (byte) (mask >>> 8);
        byte m3 = (byte) mask;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            out[i] ^= m0;
            out[i + 1] ^= m1;
            out[i + 2] ^= m2;
            out[i + 3] ^= m3;
        }
        for (int k = 0; i < length; i++, k++) {
            out[i] ^= (byte) (mask >>> (24 - 8 * k));
        }
        return out;
    }

    @Override
    Object closeFrame(int status) {
        return ControlFrames.close(status);
    }

    @Override
    void released() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(cause.toString()); // the socket's own errors (a reset): nothing to answer
        ctx.close();
    }
}
