package io.socketeer.demo.chat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Routes WebSocket handshakes for {@code /ws/echo}, {@code /ws/time} and {@code /ws/chat} to plain Netty
 * WebSocket handlers (no Socket.IO): it puts Netty's protocol handler and the example's handler into this
 * channel's pipeline and lets the request flow into them. Everything else passes on.
 */
final class RawWebSocketRouter extends ChannelInboundHandlerAdapter {

    private static final int MAX_FRAME = 64 * 1024;

    private final RawWebSockets state;

    RawWebSocketRouter(RawWebSockets state) {
        this.state = state;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req && "websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
            String path = req.uri();
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            SimpleChannelInboundHandler<TextWebSocketFrame> example = switch (path) {
                case "/ws/echo" -> new Echo();
                case "/ws/time" -> new TimePush(state);
                case "/ws/chat" -> new BroadcastChat(state);
                default -> null;
            };
            if (example != null) {
                ChannelPipeline p = ctx.pipeline();
                p.addAfter(ctx.name(), "ws-aggregator", new HttpObjectAggregator(8192));
                p.addAfter("ws-aggregator", "ws-protocol", new WebSocketServerProtocolHandler(path, null, false,
                        MAX_FRAME));
                p.addAfter("ws-protocol", "ws-example", example);
                p.remove(this);
                // the Socket.IO handlers after us never see this connection
                for (String name : new String[] {"static", "socketio-client", "engineio", "not-found"}) {
                    if (p.get(name) != null) {
                        p.remove(name);
                    }
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Sends every text frame back. */
    static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame(frame.text()));
        }
    }

    /** Receives the time every second; ignores what it is sent. */
    static final class TimePush extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final RawWebSockets state;

        TimePush(RawWebSockets state) {
            this.state = state;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                state.addTimeClient(ctx.channel());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        }
    }

    /** Sends every text frame to all clients of the chat. */
    static final class BroadcastChat extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final RawWebSockets state;

        BroadcastChat(RawWebSockets state) {
            this.state = state;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                state.addChatClient(ctx.channel());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String text = frame.text();
            state.chat(text.length() > 1000 ? text.substring(0, 1000) : text);
        }
    }
}
