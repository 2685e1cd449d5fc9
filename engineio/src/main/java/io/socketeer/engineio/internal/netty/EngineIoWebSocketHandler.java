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

import java.util.concurrent.RejectedExecutionException;

/**
 * Reads the frames of one Engine.IO WebSocket (after the handshake; continuation frames already
 * aggregated, UTF-8 already validated) and hands the packets to the session, which decides whether this
 * socket is its transport or a probe. Not sharable: one instance per channel.
 */
public final class EngineIoWebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(EngineIoWebSocketHandler.class);

    private final EngineSession session;
    private final WebSocketTransport ws;
    private final int protocol;
    private boolean failed;

    /**
     * Creates the handler.
     *
     * @param session the session the socket belongs to
     * @param ws the transport around this channel
     */
    public EngineIoWebSocketHandler(EngineSession session, WebSocketTransport ws) {
        this.session = session;
        this.ws = ws;
        this.protocol = session.protocolVersion();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            byte[] bytes = ByteBufUtil.getBytes(frame.content());
            try {
                deliver(Packets.decodeText(bytes));
            } catch (ParseException e) {
                parseError(e.getMessage());
            }
        } else if (frame instanceof BinaryWebSocketFrame) {
            ByteBuf content = frame.content();
            if (protocol == 3) {
                // v3 binary frames start with the packet type byte
                if (!content.isReadable() || content.getByte(content.readerIndex()) != PacketType.MESSAGE.ordinal()) {
                    parseError("binary frame without message type");
                    return;
                }
                content.skipBytes(1);
            }
            deliver(Packets.binary(ByteBufUtil.getBytes(content)));
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(frame.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        } else if (!(frame instanceof PongWebSocketFrame)) {
            parseError("unexpected frame");
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
     * Tells the session when the channel closes, from its close future rather than from channelInactive: a
     * handler before this one may not pass that event on (the permessage-deflate decoder does not when its
     * inflater failed), and the session would then stay open until its heartbeat ran out.
     */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // a decoder that refuses a frame closes the channel before its exception reaches exceptionCaught:
        // the error is read once that has run, on the channel's loop
        ctx.channel().closeFuture().addListener(f -> {
            Runnable tell = () -> {
                boolean error = failed;
                session.execute(() -> session.onWebSocketClosed(ws, error));
            };
            try {
                ctx.executor().execute(tell);
            } catch (RejectedExecutionException e) {
                tell.run(); // the loop is gone: the session's own executor says what it can still do
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Client mistakes land here. The frame decoder and the UTF-8 validator have sent their close frame
        // (protocol error 1002, 1007, 1009 for a frame too long) before throwing; a message that grows too
        // long over several frames (the aggregator) and compressed data that does not inflate (the
        // permessage-deflate decoder) get theirs here, with the codes the reference's ws gives them.
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
