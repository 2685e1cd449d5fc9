package io.socketeer.engineio.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.internal.protocol.PacketType;
import io.socketeer.engineio.internal.protocol.Packets;
import io.socketeer.engineio.internal.protocol.ParseException;
import io.socketeer.engineio.internal.session.EngineSession;
import io.socketeer.engineio.internal.transport.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads the messages of one Engine.IO WebSocket after the handshake and hands the packets to the session, which
 * decides whether this socket is its transport or a probe. It puts fragmented messages together (up to
 * {@code maxPayload}, else close 1009) and checks that text messages are UTF-8 (else close 1007, as the
 * reference's ws does for a whole message) itself, rather than through two more handlers per connection.
 *
 * <p>Two readers share this: {@linkplain #onBytes one that reads the frames from the socket's bytes} (RFC 6455
 * §5), the usual one, which leaves no frame decoder or encoder in the pipeline; and {@linkplain #onFrames one
 * that takes the frames of Netty's decoder}, where an extension (permessage-deflate) rewrites them in between.
 * Not sharable: one instance per channel.
 */
public abstract class EngineIoWebSocketHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(EngineIoWebSocketHandler.class);

    private final EngineSession session;
    private final WebSocketTransport ws;
    private final int maxPayload;
    private boolean failed;
    /** The fragments of a message read so far, or {@code null} between messages. */
    private ByteBuf fragments;
    private boolean fragmentsText;

    EngineIoWebSocketHandler(EngineSession session, WebSocketTransport ws, int maxPayload) {
        this.session = session;
        this.ws = ws;
        this.maxPayload = maxPayload;
    }

    /**
     * A handler that reads the frames from the socket's bytes; for a pipeline that has nothing else between
     * the socket and it (TLS aside) once the HTTP handlers are gone.
     *
     * @param session the session the socket belongs to
     * @param ws the transport around this channel, writing its frames as bytes
     * @param maxPayload the largest message taken, in bytes, fragments put together
     * @return the handler
     */
    public static EngineIoWebSocketHandler onBytes(EngineSession session, WebSocketTransport ws, int maxPayload) {
        return new WebSocketBytesHandler(session, ws, maxPayload);
    }

    /**
     * A handler that takes the frames of Netty's WebSocket decoder, placed after it.
     *
     * @param session the session the socket belongs to
     * @param ws the transport around this channel
     * @param maxPayload the largest message taken, in bytes, fragments put together
     * @return the handler
     */
    public static EngineIoWebSocketHandler onFrames(EngineSession session, WebSocketTransport ws, int maxPayload) {
        return new WebSocketFramesHandler(session, ws, maxPayload);
    }

    /** @return the largest message taken, in bytes */
    final int maxPayload() {
        return maxPayload;
    }

    /** @return whether the socket failed: nothing more is read from it */
    final boolean failed() {
        return failed;
    }

    /** @return whether a fragmented message is open */
    final boolean inMessage() {
        return fragments != null;
    }

    /** @return the bytes of the open fragmented message so far (0 when none is open) */
    final int fragmentsLength() {
        return fragments == null ? 0 : fragments.readableBytes();
    }

    /**
     * A whole message, or a fragment of one; the frame reader has checked that fragments come in order.
     *
     * @param continuation whether this continues the open message
     * @param text for a first fragment or a whole message, whether it is text
     * @param fin whether this ends the message
     * @param payload the bytes, handed over
     */
    final void data(ChannelHandlerContext ctx, boolean continuation, boolean text, boolean fin, byte[] payload) {
        if (!continuation) {
            if (fin) {
                message(ctx, text, payload);
                return;
            }
            fragments = ctx.alloc().buffer((int) Math.min(payload.length * 2L, maxPayload));
            fragments.writeBytes(payload);
            fragmentsText = text;
            return;
        }
        if (fragments == null) {
            fail(ctx, "continuation frame outside a message", 1002);
            return;
        }
        if (payload.length > maxPayload - fragments.readableBytes()) {
            fail(ctx, "fragmented message longer than " + maxPayload + " bytes", 1009);
            return;
        }
        fragments.writeBytes(payload);
        if (fin) {
            byte[] whole = ByteBufUtil.getBytes(fragments);
            releaseFragments();
            message(ctx, fragmentsText, whole);
        }
    }

    private void message(ChannelHandlerContext ctx, boolean text, byte[] bytes) {
        if (text) {
            if (!isUtf8(bytes)) {
                fail(ctx, "text message that is not UTF-8", 1007);
                return;
            }
            try {
                deliver(Packets.decodeText(bytes));
            } catch (ParseException e) {
                parseError(e.getMessage());
            }
            return;
        }
        if (session.protocolVersion() == 3) {
            // v3 binary frames start with the packet type byte
            if (bytes.length == 0 || bytes[0] != PacketType.MESSAGE.ordinal()) {
                parseError("binary frame without message type");
                return;
            }
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        deliver(Packets.binary(bytes));
    }

    /**
     * @param bytes some bytes
     * @return whether they are UTF-8 (no overlong forms, no surrogates, nothing cut off)
     */
    static boolean isUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return ByteBufUtil.isText(Unpooled.wrappedBuffer(bytes), StandardCharsets.UTF_8);
            }
        }
        return true;
    }

    /**
     * Closes the socket with a close frame after a client's mistake; nothing more is read from it.
     *
     * @param why what went wrong, for the debug log
     * @param status the close frame's status code
     */
    final void fail(ChannelHandlerContext ctx, String why, int status) {
        log.debug("websocket of session {} failed: {}", session.id(), why);
        failed = true;
        releaseFragments();
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(closeFrame(status)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** Marks the socket failed without a close frame of ours (the frame decoder sent one, or none can go). */
    final void failed(String why) {
        log.debug("websocket of session {} failed: {}", session.id(), why);
        failed = true;
        releaseFragments();
    }

    /**
     * @param status a status code
     * @return a close frame with that code, as this reader's pipeline writes it
     */
    abstract Object closeFrame(int status);

    private void releaseFragments() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }

    private void deliver(EngineIoMessage packet) {
        if (session.loop().inEventLoop()) {
            session.onWebSocketPacket(ws, packet);
        } else {
            session.execute(() -> session.onWebSocketPacket(ws, packet));
        }
    }

    /**
     * A frame the Engine.IO protocol does not allow (a packet that does not parse, an unexpected frame).
     *
     * @param why what it was
     */
    final void parseError(String why) {
        session.execute(() -> session.onWebSocketParseError(ws, why));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            session.execute(() -> session.onWebSocketWritable(ws));
        }
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * Tells the session when the channel closes. The pipeline removes its handlers once the channel is closed
     * and deregistered whatever its handlers pass on (the permessage-deflate decoder does not pass
     * channelInactive on when its inflater failed), so this needs no listener on the close future. A decoder
     * that refuses a frame closes the channel before its exception reaches exceptionCaught: the error is read
     * once that has run, on the channel's loop.
     */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseFragments();
        released();
        Runnable tell = () -> {
            boolean error = failed;
            session.execute(() -> session.onWebSocketClosed(ws, error));
        };
        try {
            ctx.executor().execute(tell);
        } catch (RejectedExecutionException e) {
            tell.run(); // the loop is gone: the session's own executor says what it can still do
        }
    }

    /** Releases what the reader holds; the handler is being removed. */
    void released() {
    }
}
