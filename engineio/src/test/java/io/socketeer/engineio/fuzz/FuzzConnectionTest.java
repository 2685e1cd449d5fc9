package io.socketeer.engineio.fuzz;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.testkit.FuzzConnection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fuzz harness notices what it is there to notice, so a quiet fuzzing run means something. */
class FuzzConnectionTest {

    private final EchoListener listener = new EchoListener();
    private final EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), listener);

    /** Fails on every read and, as our handlers do, closes the connection in its exceptionCaught. */
    private static final class SwallowingHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            throw new IllegalStateException("boom");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Test
    void reportsAnExceptionAHandlerSwallowsByClosing() {
        FuzzConnection c = Connections.open(server);
        c.channel().pipeline().addBefore("engineio", "swallowing", new SwallowingHandler());
        c.write("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
        AssertionError e = assertThrows(AssertionError.class, () -> c.finish());
        assertTrue(e.getMessage().contains("swallowed"), e.getMessage());
    }

    @Test
    void reportsAnUnexpectedExceptionPassedToOurHandler() {
        FuzzConnection c = Connections.open(server);
        c.channel().pipeline().fireExceptionCaught(new IllegalStateException("from a codec"));
        AssertionError e = assertThrows(AssertionError.class, () -> c.finish());
        assertTrue(e.getMessage().contains("from a codec"), e.getMessage());
    }

    @Test
    void reportsASessionThatOutlivesItsConnection() {
        FuzzConnection c = Connections.open(server);
        c.write("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
        // a second session on another loop that never runs its timers: it cannot time out
        FuzzConnection other = Connections.open(server);
        other.write("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
        AssertionError e = assertThrows(AssertionError.class, () -> c.finish());
        assertTrue(e.getMessage().contains("still open"), e.getMessage());
        other.finish();
        listener.assertEveryOpenSessionClosedOnce();
    }
}
