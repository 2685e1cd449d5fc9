package io.socketeer.adminui.internal;

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
 * Serves the admin UI's built pages, bundled in the jar from the {@code @socket.io/admin-ui} npm package,
 * under a path such as {@code /admin/}: {@code index.html} for the path itself, a redirect from the path
 * without its slash (the pages link their files relatively), cached by ETag (the package version). Other
 * requests, and files the bundle lacks, pass on. Not sharable: one per channel (it tracks whether the rest
 * of a request it answered is still to come).
 */
public final class UiHandler extends ChannelInboundHandlerAdapter {

    private static final String ROOT = "/io/socketeer/adminui/ui-dist/";
    /** A file name of the bundle: no empty, dot-only or hidden segment, so never outside {@link #ROOT}. */
    private static final Pattern FILE = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "application/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "map", "application/json; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");

    /** Files read once per class loader, shared by all handlers: immutable after loading. */
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();
    private static final String VERSION = readVersion();

    private final String path;
    private final String bare;
    private boolean swallow;

    /**
     * Creates the handler.
     *
     * @param path the path of the pages, with its leading and trailing slash, e.g. {@code /admin/}
     */
    public UiHandler(String path) {
        this.path = path;
        this.bare = path.substring(0, path.length() - 1);
    }

    /** @return whether the UI's pages are in the class path (the build copies them from npm) */
    public static boolean available() {
        return UiHandler.class.getResource(ROOT + "index.html") != null;
    }

    /** @return the version of the bundled {@code @socket.io/admin-ui} package, or {@code unknown} */
    public static String version() {
        return VERSION;
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
        if (msg instanceof HttpRequest req && (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD)) {
            String uri = req.uri();
            int q = uri.indexOf('?');
            String target = q < 0 ? uri : uri.substring(0, q);
            FullHttpResponse res = null;
            if (target.equals(bare)) {
                res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.MOVED_PERMANENTLY);
                res.headers().set(HttpHeaderNames.LOCATION, path + (q < 0 ? "" : uri.substring(q)));
            } else if (target.startsWith(path)) {
                String name = target.substring(path.length());
                if (name.isEmpty()) {
                    name = "index.html";
                }
                byte[] body = FILE.matcher(name).matches() ? load(name) : null;
                if (body != null) {
                    res = file(req, name, body);
                }
            }
            if (res != null) {
                swallow = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                respond(ctx, req, res);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static FullHttpResponse file(HttpRequest req, String name, byte[] body) {
        String etag = "\"" + VERSION + "\"";
        FullHttpResponse res;
        if (etag.equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
        } else {
            res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    req.method() == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            String ext = name.substring(name.lastIndexOf('.') + 1);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, TYPES.getOrDefault(ext, "application/octet-stream"));
            if (req.method() == HttpMethod.HEAD) {
                res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            }
        }
        res.headers().set(HttpHeaderNames.ETAG, etag);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=0");
        res.headers().set("X-Content-Type-Options", "nosniff");
        return res;
    }

    private static void respond(ChannelHandlerContext ctx, HttpRequest req, FullHttpResponse res) {
        if (!res.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        }
        if (HttpUtil.isKeepAlive(req)) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Caches the files found only, so that requests for made-up names cannot fill the cache. */
    private static byte[] load(String name) {
        byte[] cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = UiHandler.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return null;
            }
            byte[] body = in.readAllBytes();
            CACHE.putIfAbsent(name, body);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readVersion() {
        try (InputStream in = UiHandler.class.getResourceAsStream("/io/socketeer/adminui/ui-package/package.json")) {
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
}
