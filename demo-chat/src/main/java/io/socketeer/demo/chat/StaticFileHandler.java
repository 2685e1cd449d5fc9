package io.socketeer.demo.chat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the demo's pages from the class path ({@code /public}); {@code /} is {@code index.html}. Only plain
 * file names are accepted, so no request can climb out of the folder. Other requests pass on.
 */
final class StaticFileHandler extends ChannelInboundHandlerAdapter {

    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_.-]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "application/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "map", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "ico", "image/x-icon");

    private final String root;
    private boolean swallow;

    StaticFileHandler(String root) {
        this.root = root;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
        if (swallow && msg instanceof HttpContent) {
            swallow = !(msg instanceof LastHttpContent);
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest req && (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD)) {
            String path = req.uri();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            if (path.equals("/")) {
                path = "/index.html";
            }
            byte[] body = SAFE.matcher(path).matches() && !path.contains("..") ? read(root + path) : null;
            if (body != null) {
                swallow = !(msg instanceof LastHttpContent);
                boolean keepAlive = HttpUtil.isKeepAlive(req);
                boolean head = req.method() == HttpMethod.HEAD;
                ReferenceCountUtil.release(msg);
                FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
                String ext = path.substring(path.lastIndexOf('.') + 1);
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, TYPES.getOrDefault(ext, "application/octet-stream"));
                res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
                res.headers().set("X-Content-Type-Options", "nosniff");
                res.headers().set("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:");
                if (keepAlive) {
                    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                    ctx.writeAndFlush(res, ctx.voidPromise());
                } else {
                    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = StaticFileHandler.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
