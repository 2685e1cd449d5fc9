package io.socketeer.engineio.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.internal.protocol.PacketType;
import io.socketeer.engineio.internal.protocol.Packets;
import io.socketeer.engineio.internal.protocol.ParseException;
import io.socketeer.engineio.internal.session.EngineSession;
import io.socketeer.engineio.internal.transport.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads the frames of one Engine.IO WebSocket after the handshake and hands the packets to the session, which
 * decides whether this socket is its transport or a probe. It puts fragmented messages together (up to
 * {@code maxPayload}, else close 1009) and checks that text messages are UTF-8 (else close 1007, as the
 * reference's ws does for a whole message) itself, rather than through two more handlers per connection: an
 * idle connection then holds two handler contexts fewer. Not sharable: one instance per channel.
 */
public final class EngineIoWebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(EngineIoWebSocketHandler.class);

    private final EngineSession session;
    private final WebSocketTransport ws;
    private final int protocol;
    private final int maxPayload;
    private boolean failed;
    /** The fragments of a message read so far, or {@code null} between messages. */
    private ByteBuf fragments;
    private boolean fragmentsText;

    /**
     * Creates the handler.
     *
     * @param session the session the socket belongs to
     * @param ws the transport around this channel
     * @param maxPayload the largest message taken, in bytes, fragments put together
     */
    public EngineIoWebSocketHandler(EngineSession session, WebSocketTransport ws, int maxPayload) {
        this.session = session;
        this.ws = ws;
        this.protocol = session.protocolVersion();
        this.maxPayload = maxPayload;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (failed) {
            return;
        }
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            if (frame.isFinalFragment()) {
                message(ctx, frame instanceof TextWebSocketFrame, frame.content());
            } else {
                // the frame decoder lets no data frame start while a message is open, nor continue none
                fragments = ctx.alloc().buffer((int) Math.min(frame.content().readableBytes() * 2L, maxPayload));
                fragments.writeBytes(frame.content());
                fragmentsText = frame instanceof TextWebSocketFrame;
            }
        } else if (frame instanceof ContinuationWebSocketFrame) {
            continuation(ctx, frame);
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(frame.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        } else if (!(frame instanceof PongWebSocketFrame)) {
            parseError("unexpected frame");
        }
    }

    private void continuation(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ByteBuf content = frame.content();
        if (fragments == null) {
            fail(ctx, "continuation frame outside a message", 1002);
            return;
        }
        if (content.readableBytes() > maxPayload - fragments.readableBytes()) {
            fail(ctx, "fragmented message longer than " + maxPayload + " bytes", 1009);
            return;
        }
        fragments.writeBytes(content);
        if (frame.isFinalFragment()) {
            ByteBuf whole = fragments;
            fragments = null;
            try {
                message(ctx, fragmentsText, whole);
            } finally {
                whole.release();
            }
        }
    }

    private void message(ChannelHandlerContext ctx, boolean text, ByteBuf content) {
        if (text) {
            if (!ByteBufUtil.isText(content, StandardCharsets.UTF_8)) {
                fail(ctx, "text message that is not UTF-8", 1007);
                return;
            }
            byte[] bytes = ByteBufUtil.getBytes(content);
            try {
                deliver(Packets.decodeText(bytes));
            } catch (ParseException e) {
                parseError(e.getMessage());
            }
            return;
        }
        if (protocol == 3) {
            // v3 binary frames start with the packet type byte
            if (!content.isReadable() || content.getByte(content.readerIndex()) != PacketType.MESSAGE.ordinal()) {
                parseError("binary frame without message type");
                return;
            }
            content.skipBytes(1);
        }
        deliver(Packets.binary(ByteBufUtil.getBytes(content)));
    }

    private void fail(ChannelHandlerContext ctx, String why, int status) {
        log.debug("websocket of session {} failed: {}", session.id(), why);
        failed = true;
        releaseFragments();
        ctx.writeAndFlush(new CloseWebSocketFrame(status, "")).addListener(ChannelFutureListener.CLOSE);
    }

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

    private void parseError(String why) {
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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Client mistakes land here. The frame decoder has sent its close frame (protocol error 1002, 1009
        // for a frame too long) before throwing; compressed data that does not inflate (the
        // permessage-deflate decoder) gets its close here, with the code the reference's ws gives it.
        log.debug("websocket of session {} failed: {}", session.id(), cause.toString());
        failed = true;
        int status = cause instanceof CorruptedFrameException ? 0
                : cause instanceof TooLongFrameException ? 1009
                : cause instanceof DecoderException ? 1007
                : 0;
        if (status != 0 && ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status, "")).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
