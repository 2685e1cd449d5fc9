package io.socketeer.socketio.internal.netty;

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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the stock JavaScript client bundled in the jar at {@code <path>socket.io.js} (and the minified,
 * ESM and msgpack builds with their source maps), as the reference's {@code serveClient} does: cached by
 * ETag (the client version), 304 when the browser has it. Other requests pass on. Not sharable: one per
 * channel (it tracks whether the rest of a passed request follows).
 */
public final class ClientBundleHandler extends ChannelInboundHandlerAdapter {

    private static final Pattern FILE = Pattern.compile("socket\\.io(\\.msgpack|\\.esm)?(\\.min)?\\.js(\\.map)?");
    private static final String ROOT = "/io/socketeer/socketio/client-dist/";

    /** Files read once per class loader, shared by all handlers: immutable after loading. */
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();
    private static final String VERSION = readVersion();

    private final String path;
    private boolean swallow;

    /**
     * Creates the handler.
     *
     * @param path the Socket.IO path, e.g. {@code /socket.io/}
     */
    public ClientBundleHandler(String path) {
        this.path = path;
    }

    /** @return whether the bundle is present in the class path */
    public static boolean available() {
        return ClientBundleHandler.class.getResource(ROOT + "socket.io.min.js") != null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (swallow && msg instanceof HttpContent) {
            if (msg instanceof LastHttpContent) {
                swallow = false;
            }
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest req && req.method() == HttpMethod.GET && req.uri().startsWith(path)) {
            String rest = req.uri().substring(path.length());
            int q = rest.indexOf('?');
            String name = q < 0 ? rest : rest.substring(0, q);
            Matcher m = FILE.matcher(name);
            byte[] body = m.matches() ? load(name) : null;
            if (body != null) {
                swallow = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                respond(ctx, req, name, body);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static void respond(ChannelHandlerContext ctx, HttpRequest req, String name, byte[] body) {
        String etag = "\"" + VERSION + "\"";
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        FullHttpResponse res;
        if (etag.equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
        } else {
            res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, name.endsWith(".map")
                    ? "application/json; charset=utf-8" : "application/javascript; charset=utf-8");
        }
        res.headers().set(HttpHeaderNames.ETAG, etag);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=0");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static byte[] load(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = ClientBundleHandler.class.getResourceAsStream(ROOT + n)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String readVersion() {
        try (InputStream in = ClientBundleHandler.class.getResourceAsStream(ROOT + "package.json")) {
            if (in == null) {
                return "unknown";
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.fireExceptionCaught(cause);
    }
}
