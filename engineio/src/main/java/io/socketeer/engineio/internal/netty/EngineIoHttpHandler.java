package io.socketeer.engineio.internal.netty;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
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
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.socketeer.engineio.internal.EngineCore;
import io.socketeer.engineio.internal.session.EngineSession;
import io.socketeer.engineio.internal.transport.HttpExchange;
import io.socketeer.engineio.internal.transport.HttpResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims the HTTP requests of the Engine.IO path and passes every other request on unchanged, so it can sit
 * in an application's own pipeline beside other routes (after an {@code HttpServerCodec}).
 *
 * <p>Request bodies are gathered here up to {@code maxPayload}; a larger body is refused with 413 as soon
 * as its size is known (from {@code Content-Length}, or while it streams in), never buffered whole. A polling
 * POST is checked from its head: an unknown sid is answered before its body is read, and a POST while another
 * of the same session is still being read is an overlap (400, the session closes), as in the reference. Not
 * sharable: one instance per channel.
 */
public final class EngineIoHttpHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(EngineIoHttpHandler.class);

    private enum Mode { IDLE, PASS, AGGREGATE, DISCARD }

    private final EngineCore core;
    private Mode mode = Mode.IDLE;
    private HttpRequest head;
    /** The head's decoded URI ({@code null} if undecodable), its parameters parsed once for the whole request. */
    private QueryStringDecoder headQuery;
    private String origin;
    private CompositeByteBuf body;
    /** The session of the polling POST whose body is being read, if it has one. */
    private EngineSession dataSession;

    /**
     * Creates the handler for one channel.
     *
     * @param core the server core
     */
    public EngineIoHttpHandler(EngineCore core) {
        this.core = core;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            onRequest(ctx, req, msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            switch (mode) {
                case PASS -> {
                    if (content instanceof LastHttpContent) {
                        mode = Mode.IDLE;
                    }
                    ctx.fireChannelRead(msg);
                }
                case AGGREGATE -> onContent(ctx, content);
                default -> {
                    if (content instanceof LastHttpContent) {
                        mode = Mode.IDLE;
                    }
                    ReferenceCountUtil.release(msg);
                }
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest req, Object msg) {
        QueryStringDecoder qs;
        try {
            qs = new QueryStringDecoder(req.uri());
            if (!core.matches(qs.path())) {
                mode = msg instanceof LastHttpContent ? Mode.IDLE : Mode.PASS;
                ctx.fireChannelRead(msg);
                return;
            }
        } catch (IllegalArgumentException e) {
            // undecodable URI: pass it on if it is not ours
            if (!req.uri().startsWith(core.options().path())) {
                mode = msg instanceof LastHttpContent ? Mode.IDLE : Mode.PASS;
                ctx.fireChannelRead(msg);
                return;
            }
            qs = null;
        }
        if (!req.decoderResult().isSuccess()) {
            ReferenceCountUtil.release(msg);
            mode = msg instanceof LastHttpContent ? Mode.IDLE : Mode.DISCARD;
            rejectRaw(ctx, RequestChecks.statusOf(req.decoderResult().cause()), null);
            return;
        }
        if (!RequestChecks.wellFormed(req)) {
            // an HTTP version other than 1.x, or a request target that is not UTF-8 without control characters:
            // Node's parser refuses both with 400 before any route sees them
            ReferenceCountUtil.release(msg);
            mode = msg instanceof LastHttpContent ? Mode.IDLE : Mode.DISCARD;
            rejectRaw(ctx, HttpResponseStatus.BAD_REQUEST, null);
            return;
        }
        long length = HttpUtil.getContentLength(req, -1L);
        if (length > core.options().maxPayload()) {
            ReferenceCountUtil.release(msg);
            mode = msg instanceof LastHttpContent ? Mode.IDLE : Mode.DISCARD;
            rejectRaw(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, req.headers().get(HttpHeaderNames.ORIGIN));
            return;
        }
        if (msg instanceof FullHttpRequest full) {
            mode = Mode.IDLE;
            dispatch(ctx, full, qs);
            return;
        }
        EngineSession poster = null;
        String sid = req.method() == HttpMethod.POST && qs != null ? firstValue(qs, "sid") : null;
        if (sid != null) {
            poster = core.session(sid);
            if (poster == null || !poster.beginDataRequest()) {
                // Answered from the head alone, the body skipped: an unknown sid gets the core's answer (400,
                // code 1) without buffering a body for nobody; a POST overlapping one still being read gets
                // 400 and has closed the session, as the reference does.
                mode = Mode.DISCARD;
                FullHttpRequest empty = new DefaultFullHttpRequest(req.protocolVersion(), req.method(), req.uri(),
                        Unpooled.EMPTY_BUFFER, req.headers(), EmptyHttpHeaders.INSTANCE);
                if (poster == null) {
                    dispatch(ctx, empty, qs);
                } else {
                    HttpExchange ex = new HttpExchange(ctx, empty, Map.of());
                    HttpResponses.error(ex, core.options(), HttpResponses.BAD_REQUEST, null);
                    ex.release();
                }
                return;
            }
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        head = req;
        headQuery = qs;
        dataSession = poster;
        origin = req.headers().get(HttpHeaderNames.ORIGIN);
        body = ctx.alloc().compositeBuffer(64);
        mode = Mode.AGGREGATE;
        if (msg instanceof HttpContent content) {
            onContent(ctx, content);
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (body.readableBytes() + content.content().readableBytes() > core.options().maxPayload()) {
            content.release();
            releaseBody();
            endDataRequest(true);
            mode = content instanceof LastHttpContent ? Mode.IDLE : Mode.DISCARD;
            rejectRaw(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, origin);
            return;
        }
        if (content.content().isReadable()) {
            body.addComponent(true, content.content().retain());
        }
        content.release();
        if (content instanceof LastHttpContent last) {
            HttpRequest req = head;
            CompositeByteBuf data = body;
            head = null;
            body = null;
            mode = Mode.IDLE;
            endDataRequest(true);
            QueryStringDecoder qs = headQuery;
            headQuery = null;
            FullHttpRequest full = new DefaultFullHttpRequest(req.protocolVersion(), req.method(), req.uri(), data,
                    req.headers(), last.trailingHeaders());
            dispatch(ctx, full, qs);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder qs) {
        Map<String, String> query = qs == null ? null : firstValues(qs);
        HttpExchange ex = new HttpExchange(ctx, req, query == null ? Map.of() : query);
        if (query == null) {
            log.debug("undecodable query string: {}", req.uri());
            HttpResponses.error(ex, core.options(), HttpResponses.BAD_REQUEST, null);
            ex.release();
            return;
        }
        core.handle(ex);
    }

    private static String firstValue(QueryStringDecoder qs, String name) {
        try {
            List<String> values = qs.parameters().get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        } catch (IllegalArgumentException e) {
            return null; // malformed percent-encoding: answered when the request is dispatched
        }
    }

    private void endDataRequest(boolean complete) {
        EngineSession session = dataSession;
        if (session != null) {
            dataSession = null;
            session.endDataRequest(complete);
        }
    }

    private static Map<String, String> firstValues(QueryStringDecoder qs) {
        try {
            Map<String, List<String>> params = qs.parameters();
            Map<String, String> query = new HashMap<>(params.size() * 2);
            for (Map.Entry<String, List<String>> e : params.entrySet()) {
                if (!e.getValue().isEmpty()) {
                    query.put(e.getKey(), e.getValue().get(0));
                }
            }
            return query;
        } catch (IllegalArgumentException e) {
            return null; // malformed percent-encoding
        }
    }

    /** Answers and closes; allowed origins get CORS headers so a page can read why (e.g. 413). */
    private void rejectRaw(ChannelHandlerContext ctx, HttpResponseStatus status, String requestOrigin) {
        log.debug("rejected request: {}", status);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpResponses.addCors(res.headers(), core.options().cors(), requestOrigin);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
        head = null;
        headQuery = null;
        origin = null;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseBody();
        endDataRequest(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseBody();
        endDataRequest(false);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("http connection failed: {}", cause.toString());
        ctx.close();
    }
}
