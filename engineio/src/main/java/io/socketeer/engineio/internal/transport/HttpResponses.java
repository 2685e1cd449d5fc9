package io.socketeer.engineio.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.socketeer.engineio.ConnectionError;
import io.socketeer.engineio.CorsOptions;
import io.socketeer.engineio.EngineIoObserver;
import io.socketeer.engineio.EngineIoOptions;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Writes the answers of the Engine.IO HTTP endpoint: payloads, {@code ok}, and the reference's error
 * bodies {@code {"code":N,"message":"…"}} (protocol errors 0–5).
 */
public final class HttpResponses {

    /** Content type of text payloads. */
    public static final String TEXT = "text/plain; charset=UTF-8";
    /** Content type of v3 binary payloads. */
    public static final String BINARY = "application/octet-stream";
    /** Content type of JSONP payloads. */
    public static final String JAVASCRIPT = "text/javascript; charset=UTF-8";

    /** Protocol error 0. */
    public static final int UNKNOWN_TRANSPORT = 0;
    /** Protocol error 1. */
    public static final int UNKNOWN_SID = 1;
    /** Protocol error 2. */
    public static final int BAD_HANDSHAKE_METHOD = 2;
    /** Protocol error 3. */
    public static final int BAD_REQUEST = 3;
    /** Protocol error 4. */
    public static final int FORBIDDEN = 4;
    /** Protocol error 5. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = 5;

    private static final String[] MESSAGES = {
        "Transport unknown", "Session ID unknown", "Bad handshake method", "Bad request", "Forbidden",
        "Unsupported protocol version",
    };

    private HttpResponses() {
    }

    /**
     * Returns the reference's message for a protocol error code.
     *
     * @param code 0 to 5
     * @return the message
     */
    public static String message(int code) {
        return MESSAGES[code];
    }

    /**
     * Answers with content.
     *
     * @param ex the exchange
     * @param cors CORS settings or {@code null}
     * @param status the status
     * @param contentType the content type
     * @param content the body, handed over
     */
    public static void send(HttpExchange ex, CorsOptions cors, HttpResponseStatus status, String contentType,
                            ByteBuf content) {
        if (!ex.markAnswered()) {
            content.release();
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        HttpHeaders h = res.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        addCors(h, cors, ex.origin());
        write(ex, res);
    }

    /**
     * Answers a polling payload, compressed with gzip or deflate when the client accepts it and the payload
     * reaches the threshold (the reference's {@code httpCompression}).
     *
     * @param ex the exchange
     * @param cors CORS settings or {@code null}
     * @param contentType the content type
     * @param content the payload, handed over
     * @param threshold the smallest size compressed, or -1 to never compress
     */
    public static void sendPayload(HttpExchange ex, CorsOptions cors, String contentType, ByteBuf content,
                                   int threshold) {
        String encoding = threshold >= 0 && content.readableBytes() >= threshold ? encoding(ex) : null;
        if (encoding == null) {
            send(ex, cors, HttpResponseStatus.OK, contentType, content);
            return;
        }
        ByteBuf compressed;
        try {
            compressed = compress(content, encoding.equals("gzip"), ex.ctx().alloc());
        } finally {
            content.release();
        }
        if (!ex.markAnswered()) {
            compressed.release();
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, compressed);
        HttpHeaders h = res.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        h.set(HttpHeaderNames.CONTENT_ENCODING, encoding);
        h.add(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, compressed.readableBytes());
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        addCors(h, cors, ex.origin());
        write(ex, res);
    }

    private static String encoding(HttpExchange ex) {
        String accept = ex.request().headers().get(HttpHeaderNames.ACCEPT_ENCODING);
        if (accept == null) {
            return null;
        }
        String a = accept.toLowerCase(java.util.Locale.ROOT);
        return a.contains("gzip") ? "gzip" : a.contains("deflate") ? "deflate" : null;
    }

    private static ByteBuf compress(ByteBuf content, boolean gzip, io.netty.buffer.ByteBufAllocator alloc) {
        ByteBuf out = alloc.heapBuffer(Math.max(64, content.readableBytes() / 2));
        try (java.io.OutputStream os = new io.netty.buffer.ByteBufOutputStream(out);
             java.io.OutputStream z = gzip ? new java.util.zip.GZIPOutputStream(os)
                     : new java.util.zip.DeflaterOutputStream(os)) {
            content.getBytes(content.readerIndex(), z, content.readableBytes());
        } catch (java.io.IOException e) {
            out.release();
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Answers {@code ok} to a polling POST.
     *
     * @param ex the exchange
     * @param cors CORS settings or {@code null}
     */
    public static void ok(HttpExchange ex, CorsOptions cors) {
        send(ex, cors, HttpResponseStatus.OK, TEXT, Unpooled.wrappedBuffer(OK));
    }

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    /**
     * Answers a protocol error, as {@link #error(HttpExchange, CorsOptions, int, String)}, and tells the
     * observer of the options.
     *
     * @param ex the exchange
     * @param options the server's options
     * @param code the protocol error code
     * @param message the message, or {@code null} for the reference's
     */
    public static void error(HttpExchange ex, EngineIoOptions options, int code, String message) {
        observe(ex, options.observer(), code);
        error(ex, options.cors(), code, message);
    }

    /**
     * Tells an observer that a request is refused with a protocol error.
     *
     * @param ex the exchange
     * @param observer the observer
     * @param code the protocol error code
     */
    public static void observe(HttpExchange ex, EngineIoObserver observer, int code) {
        if (observer == EngineIoObserver.NONE) {
            return;
        }
        InetSocketAddress remote = ex.ctx().channel().remoteAddress() instanceof InetSocketAddress a ? a : null;
        try {
            observer.connectionError(new ConnectionError(code, MESSAGES[code], ex.request().method().name(),
                    ex.request().uri(), remote, ex.query().get("sid")));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(HttpResponses.class).warn("observer failed", e);
        }
    }

    /**
     * Answers a protocol error: 403 for {@link #FORBIDDEN}, 400 for every other code.
     *
     * @param ex the exchange
     * @param cors CORS settings or {@code null}
     * @param code the protocol error code
     * @param message the message, or {@code null} for the reference's
     */
    public static void error(HttpExchange ex, CorsOptions cors, int code, String message) {
        String text = message != null ? message : MESSAGES[code];
        String json = "{\"code\":" + code + ",\"message\":" + jsonString(text) + "}";
        HttpResponseStatus status = code == FORBIDDEN ? HttpResponseStatus.FORBIDDEN : HttpResponseStatus.BAD_REQUEST;
        send(ex, cors, status, "application/json",
                Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Answers a plain status with no body.
     *
     * @param ex the exchange
     * @param cors CORS settings or {@code null}
     * @param status the status
     */
    public static void status(HttpExchange ex, CorsOptions cors, HttpResponseStatus status) {
        send(ex, cors, status, TEXT, Unpooled.EMPTY_BUFFER);
    }

    /**
     * Answers a CORS preflight request.
     *
     * @param ex the exchange
     * @param cors the CORS settings
     */
    public static void preflight(HttpExchange ex, CorsOptions cors) {
        if (!ex.markAnswered()) {
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        HttpHeaders h = res.headers();
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        String origin = ex.origin();
        if (cors.allows(origin)) {
            addCors(h, cors, origin);
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, String.join(",", cors.methods()));
            if (cors.allowedHeaders() != null) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(",", cors.allowedHeaders()));
            } else {
                String requested = ex.request().headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
                if (requested != null) {
                    h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested);
                    h.add(HttpHeaderNames.VARY, HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
                }
            }
            if (cors.maxAge() != null) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, cors.maxAge().toSeconds());
            }
        }
        write(ex, res);
    }

    /**
     * Adds the CORS headers for an allowed origin.
     *
     * @param h the response headers
     * @param cors the settings or {@code null}
     * @param origin the request's origin or {@code null}
     */
    public static void addCors(HttpHeaders h, CorsOptions cors, String origin) {
        if (cors == null || !cors.allows(origin)) {
            return;
        }
        if (cors.anyOrigin()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            h.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        }
        if (cors.credentials()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        if (!cors.exposedHeaders().isEmpty()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(",", cors.exposedHeaders()));
        }
    }

    private static void write(HttpExchange ex, FullHttpResponse res) {
        if (ex.responseHeaders() != null) {
            res.headers().add(ex.responseHeaders());
        }
        if (ex.keepAlive()) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ex.ctx().writeAndFlush(res, ex.ctx().voidPromise());
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ChannelFuture f = ex.ctx().writeAndFlush(res);
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Quotes a string as JSON.
     *
     * @param s the string
     * @return the JSON string literal
     */
    public static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
