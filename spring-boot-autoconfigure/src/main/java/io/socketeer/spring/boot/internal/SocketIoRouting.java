package io.socketeer.spring.boot.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Keeps the Socket.IO exchanges of a shared Reactor Netty connection away from Reactor Netty's own HTTP
 * handling. Two handlers: {@link #marker()} right after the HTTP codec notes whether the current request is
 * under the Socket.IO path; {@link #bypass()}, the outbound handler nearest the tail, sends what is written
 * from the tail of the channel while such a request is current (the WebSocket handshake's 101 and the
 * frames after it) straight to the codec. Without it Reactor Netty's traffic handler, which never saw the
 * request, would mark the response {@code Connection: close} and close the connection after it. While a
 * Socket.IO request is current the channel reads by itself, as our handlers expect.
 *
 * <p>One instance per channel; both handlers run on the channel's event loop.
 */
final class SocketIoRouting {

    private final String path;
    private ChannelHandlerContext markerContext;
    private boolean claimed;
    private boolean reading;

    SocketIoRouting(String path) {
        this.path = path;
    }

    /** @return the inbound handler to place right after the HTTP codec */
    ChannelInboundHandlerAdapter marker() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                markerContext = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest req) {
                    claimed = req.uri().startsWith(path);
                    // Reactor Netty reads on demand (auto-read off) and asks for the next request only after
                    // a response of its own; our exchanges (long-polls, WebSocket frames, keep-alive requests
                    // after them) need the channel to read by itself. Its own requests get demand reading back.
                    if (claimed != reading) {
                        reading = claimed;
                        ctx.channel().config().setAutoRead(claimed);
                    }
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** @return the outbound handler to place nearest the tail, before Reactor Netty's bridge */
    ChannelOutboundHandlerAdapter bypass() {
        return new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (claimed && markerContext != null && !markerContext.isRemoved()) {
                    markerContext.write(msg, promise);
                } else {
                    ctx.write(msg, promise);
                }
            }

            @Override
            public void flush(ChannelHandlerContext ctx) {
                if (claimed && markerContext != null && !markerContext.isRemoved()) {
                    markerContext.flush();
                } else {
                    ctx.flush();
                }
            }
        };
    }
}
