package io.socketeer.engineio.internal.netty;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of a standalone server's pipeline: answers 404 to every request nobody claimed, and 400 or 431 to
 * requests the HTTP decoder could not read or that {@link RequestChecks} refuses. Releases everything it receives.
 */
public final class NotFoundHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest req) {
                HttpResponseStatus status = HttpResponseStatus.NOT_FOUND;
                boolean keepAlive = HttpUtil.isKeepAlive(req);
                if (!req.decoderResult().isSuccess()) {
                    status = RequestChecks.statusOf(req.decoderResult().cause());
                    keepAlive = false;
                } else if (!RequestChecks.wellFormed(req)) {
                    status = HttpResponseStatus.BAD_REQUEST;
                    keepAlive = false;
                }
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
                res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                if (keepAlive) {
                    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                    ctx.writeAndFlush(res, ctx.voidPromise());
                } else {
                    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
