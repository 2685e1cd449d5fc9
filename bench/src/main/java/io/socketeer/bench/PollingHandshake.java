package io.socketeer.bench;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * The polling half of a polling→upgrade connect, on one keep-alive HTTP/1.1 connection, in the order
 * engine.io-client 6 and socket.io-client 4 use: the handshake GET, the {@code 40} CONNECT as a POST, the GET
 * that brings its answer, then a GET left pending while the WebSocket probes. The server answers that pending
 * GET with a noop once the probe arrives, which lets the {@link Conn} send the upgrade packet.
 */
final class PollingHandshake extends SimpleChannelInboundHandler<FullHttpResponse> {

    private enum Step { HANDSHAKE, CONNECT, CONNECT_REPLY, PENDING, DONE }

    private final int port;
    private final Conn webSocket;
    private final BiConsumer<Conn, String> openWebSocket;
    private Step step = Step.HANDSHAKE;
    private String sid;

    /**
     * @param port          the server's port
     * @param webSocket     the connection that will probe, in probe mode
     * @param openWebSocket opens {@code webSocket} with the session id once the session has joined "/"
     */
    PollingHandshake(int port, Conn webSocket, BiConsumer<Conn, String> openWebSocket) {
        this.port = port;
        this.webSocket = webSocket;
        this.openWebSocket = openWebSocket;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        webSocket.polling(ctx.channel());
        ctx.writeAndFlush(request(HttpMethod.GET, "", null));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (step != Step.DONE) {
            webSocket.fail(new IllegalStateException("polling connection closed at " + step));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        webSocket.fail(cause);
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        String body = response.content().toString(StandardCharsets.UTF_8);
        if (response.status().code() != 200) {
            webSocket.fail(new IllegalStateException(step + ": HTTP " + response.status() + " " + body));
            ctx.close();
            return;
        }
        switch (step) {
            case HANDSHAKE -> {
                int at = body.indexOf("\"sid\":\"");
                if (!body.startsWith("0") || at < 0) {
                    webSocket.fail(new IllegalStateException("no open packet: " + body));
                    return;
                }
                sid = body.substring(at + 7, body.indexOf('"', at + 7));
                step = Step.CONNECT;
                ctx.writeAndFlush(request(HttpMethod.POST, "&sid=" + sid, "40"));
            }
            case CONNECT -> {
                step = Step.CONNECT_REPLY;
                ctx.writeAndFlush(request(HttpMethod.GET, "&sid=" + sid, null));
            }
            case CONNECT_REPLY -> {
                boolean joined = false;
                for (String packet : body.split("\u001e")) {
                    joined |= packet.startsWith("40");
                }
                if (joined) {
                    step = Step.PENDING;
                    openWebSocket.accept(webSocket, sid);
                }
                ctx.writeAndFlush(request(HttpMethod.GET, "&sid=" + sid, null));
            }
            case PENDING -> {
                step = Step.DONE;
                webSocket.pollDone();
            }
            default -> { }
        }
    }

    private FullHttpRequest request(HttpMethod method, String query, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method,
                "/socket.io/?EIO=4&transport=polling" + query,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1:" + port);
        request.headers().set(HttpHeaderNames.ACCEPT, "*/*");
        if (body != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
            request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
        }
        return request;
    }
}
