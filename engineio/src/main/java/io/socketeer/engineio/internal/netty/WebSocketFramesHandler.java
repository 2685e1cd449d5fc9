package io.socketeer.engineio.internal.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
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
import io.netty.util.ReferenceCountUtil;
import io.socketeer.engineio.internal.session.EngineSession;
import io.socketeer.engineio.internal.transport.WebSocketTransport;

/**
 * Takes the frames of Netty's WebSocket decoder, for a connection where an extension (permessage-deflate)
 * rewrites them between the decoder and this handler. The decoder refuses what breaks the frame rules
 * (sending its own close frame); this puts messages together and answers pings and closes.
 */
final class WebSocketFramesHandler extends EngineIoWebSocketHandler {

    WebSocketFramesHandler(EngineSession session, WebSocketTransport ws, int maxPayload) {
        super(session, ws, maxPayload);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!failed() && msg instanceof WebSocketFrame frame) {
                read(ctx, frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            // the frame decoder lets no data frame start while a message is open, nor continue none
            data(ctx, false, frame instanceof TextWebSocketFrame, frame.isFinalFragment(),
                    ByteBufUtil.getBytes(frame.content()));
        } else if (frame instanceof ContinuationWebSocketFrame) {
            data(ctx, true, false, frame.isFinalFragment(), ByteBufUtil.getBytes(frame.content()));
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(frame.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
        } else if (!(frame instanceof PongWebSocketFrame)) {
            parseError("unexpected frame");
        }
    }

    @Override
    Object closeFrame(int status) {
        return new CloseWebSocketFrame(status, "");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Client mistakes land here. The frame decoder has sent its close frame (protocol error 1002, 1009
        // for a frame too long) before throwing; compressed data that does not inflate (the
        // permessage-deflate decoder) gets its close here, with the code the reference's ws gives it.
        int status = cause instanceof CorruptedFrameException ? 0
                : cause instanceof TooLongFrameException ? 1009
                : cause instanceof DecoderException ? 1007
                : 0;
        if (status != 0) {
            fail(ctx, cause.toString(), status);
        } else {
            failed(cause.toString());
            ctx.close();
        }
    }
}
