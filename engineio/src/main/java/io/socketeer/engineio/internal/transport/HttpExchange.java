package io.socketeer.engineio.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;

import java.util.Map;

/**
 * One HTTP request of the Engine.IO path and the means to answer it. The request (and its body) belongs to
 * the exchange until {@link #release()}; every path through the code answers exactly once.
 */
public final class HttpExchange {

    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;
    private final Map<String, String> query;
    private final boolean keepAlive;
    private boolean answered;
    private HttpHeaders responseHeaders;

    /**
     * Creates the exchange.
     *
     * @param ctx the context of the handler that received the request
     * @param request the aggregated request, owned by the exchange
     * @param query the decoded query parameters (first value of each)
     */
    public HttpExchange(ChannelHandlerContext ctx, FullHttpRequest request, Map<String, String> query) {
        this.ctx = ctx;
        this.request = request;
        this.query = query;
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    /** @return the context to answer on */
    public ChannelHandlerContext ctx() {
        return ctx;
    }

    /** @return the request */
    public FullHttpRequest request() {
        return request;
    }

    /** @return the request body */
    public ByteBuf body() {
        return request.content();
    }

    /** @return the query parameters */
    public Map<String, String> query() {
        return query;
    }

    /** @return whether the connection stays open after the answer */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** @return the {@code Origin} header, or {@code null} */
    public String origin() {
        return request.headers().get(HttpHeaderNames.ORIGIN);
    }

    /**
     * Adds headers to the answer (a handshake's initial headers).
     *
     * @param headers the headers, or {@code null}
     */
    public void responseHeaders(HttpHeaders headers) {
        responseHeaders = headers;
    }

    /** @return the headers to add to the answer, or {@code null} */
    HttpHeaders responseHeaders() {
        return responseHeaders;
    }

    /**
     * Marks the exchange answered.
     *
     * @return {@code false} if it was answered already
     */
    boolean markAnswered() {
        if (answered) {
            return false;
        }
        answered = true;
        return true;
    }

    /** Records that the request was answered by other means (a WebSocket handshake, a raw error). */
    public void markAnsweredExternally() {
        answered = true;
    }

    /** @return whether an answer was written */
    public boolean answered() {
        return answered;
    }

    /** Releases the request and its body; safe to call more than once. */
    public void release() {
        if (request.refCnt() > 0) {
            request.release();
        }
    }
}
