package io.socketeer.spring.boot.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketIoRoutingTest {

    /** Stands for Reactor Netty's traffic handler: records what is written through it. */
    private static final class Traffic extends ChannelOutboundHandlerAdapter {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            seen.add(msg);
            ctx.write(msg, promise);
        }
    }

    private final Traffic traffic = new Traffic();
    private final EmbeddedChannel ch = channel();

    private EmbeddedChannel channel() {
        SocketIoRouting routing = new SocketIoRouting("/socket.io/");
        EmbeddedChannel c = new EmbeddedChannel();
        c.config().setAutoRead(false); // as Reactor Netty's server channels
        c.pipeline().addLast("marker", routing.marker()).addLast("traffic", traffic)
                .addLast("bypass", routing.bypass());
        return c;
    }

    private void request(String uri) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        ch.writeInbound(req);
        FullHttpRequest passed = ch.readInbound();
        assertEquals(uri, passed.uri());
        passed.release();
    }

    @Test
    void writesOfASocketIoExchangeSkipTheWebServersHandlers() {
        request("/socket.io/?EIO=4&transport=websocket");
        assertTrue(ch.config().isAutoRead(), "a Socket.IO exchange reads by itself");
        ch.writeAndFlush("101 and frames");
        assertEquals("101 and frames", ch.readOutbound());
        assertTrue(traffic.seen.isEmpty(), "went around the traffic handler: " + traffic.seen);
        assertFalse(ch.finish());
    }

    @Test
    void otherRequestsAreLeftToTheWebServer() {
        request("/socket.io/?EIO=4&transport=polling");
        request("/api/hello");
        assertFalse(ch.config().isAutoRead(), "the web server's own requests are read on demand again");
        ch.writeAndFlush("rest response");
        assertEquals("rest response", ch.readOutbound());
        assertEquals(List.of("rest response"), traffic.seen);
        assertFalse(ch.finish());
    }

    @Test
    void beforeAnyRequestNothingChanges() {
        ch.writeAndFlush("early");
        assertEquals(List.of("early"), traffic.seen);
        assertFalse(ch.config().isAutoRead());
        assertEquals("early", ch.readOutbound());
        assertFalse(ch.finish());
    }
}
