package io.socketeer.engineio.internal.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Holds back the flushes that reach it, so that what is written behind them leaves with them in one write to
 * the socket: the WebSocket handshake's answer, which Netty's handshaker flushes at once, and the Engine.IO open
 * packet that follows it. Placed right before the HTTP codec (after TLS, when there is TLS), it writes the
 * frames it is given from its own place, past the HTTP encoder.
 */
public final class FlushHold extends ChannelOutboundHandlerAdapter {

    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        // held: release() flushes
    }

    /**
     * Writes a message towards the socket from this handler's place; on the channel's event loop.
     *
     * @param msg the message, encoded for the wire
     */
    public void write(Object msg) {
        ctx.write(msg, ctx.voidPromise());
    }

    /** Removes this handler and flushes what was written and held; on the channel's event loop. */
    public void release() {
        ctx.pipeline().remove(this);
        ctx.channel().flush();
    }
}
