package io.socketeer.engineio.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP router and body gatherer: which requests it claims, which it passes on, and how it limits bodies
 * to {@code maxPayload} whether their size is announced or streamed in chunks.
 */
class EngineIoHttpHandlerTest {

    private final RecordingListener listener = RecordingListener.echoing();

    private EngineIoServer server(int maxPayload) {
        return EngineIoServer.create(EngineIoOptions.builder().maxPayload(maxPayload).build(), listener);
    }

    @Test
    void passesRequestsOutsideItsPathToTheNextHandler() {
        HttpConn c = new HttpConn(server(100));
        HttpReply r = c.get("/other?EIO=4&transport=polling");
        assertEquals(404, r.status());
        assertEquals("keep-alive", r.header("connection"));
        // prefixes that only look alike are not ours either
        assertEquals(404, c.get("/engine.iox/?EIO=4&transport=polling").status());
        assertEquals(404, c.get("/").status());
        assertTrue(listener.opened().isEmpty());
        assertFalse(c.finish());
    }

    @Test
    void claimsThePathWithAndWithoutItsTrailingSlashAndBelowIt() {
        HttpConn c = new HttpConn(server(100));
        assertEquals(200, c.get("/engine.io/?EIO=4&transport=polling").status());
        assertEquals(200, c.get("/engine.io?EIO=4&transport=polling").status());
        assertEquals(200, c.get("/engine.io/anything?EIO=4&transport=polling").status());
        assertEquals(3, listener.opened().size());
        assertFalse(c.finish());
    }

    @Test
    void servesACustomPath() {
        EngineIoServer server = EngineIoServer.create(EngineIoOptions.builder().path("socket.io").build(), listener);
        HttpConn c = new HttpConn(server);
        assertEquals(200, c.get("/socket.io/?EIO=4&transport=polling").status());
        assertEquals(404, c.get("/engine.io/?EIO=4&transport=polling").status());
        assertFalse(c.finish());
    }

    @Test
    void passesOnForeignRequestsWithTheirBodiesUntouched() {
        List<String> seen = new ArrayList<>();
        HttpConn c = new HttpConn(server(4));
        // a handler between ours and the 404 fallback records what it is handed
        c.channel().pipeline().addBefore("not-found", "spy", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest req) {
                    seen.add(req.method() + " " + req.uri());
                }
                if (msg instanceof HttpContent content && content.content().isReadable()) {
                    seen.add(content.content().toString(StandardCharsets.UTF_8));
                }
                if (msg instanceof LastHttpContent) {
                    seen.add("end");
                }
                ctx.fireChannelRead(msg);
            }
        });
        // a body larger than maxPayload is not ours to limit on a foreign path
        HttpReply r = c.post("/upload", "0123456789");
        assertEquals(404, r.status());
        assertEquals(List.of("POST /upload", "0123456789", "end"), seen);
        assertFalse(c.finish());
    }

    @Test
    void answersAPostThatFitsMaxPayloadExactly() {
        HttpConn c = new HttpConn(server(10));
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        assertEquals("ok", c.post(Eio.poll(sid), "4123456789").text());
        assertEquals("123456789", listener.messages().get(0).text());
        assertFalse(c.finish());
    }

    @Test
    void refusesABodyAnnouncedLargerThanMaxPayloadWith413AndCloses() {
        EngineIoServer server = server(10);
        HttpConn handshake = new HttpConn(server);
        String sid = Eio.sidOf(handshake.get(Eio.handshake(4)).text());

        HttpConn c = new HttpConn(server);
        HttpReply r = c.post(Eio.poll(sid), "41234567890");
        assertEquals(413, r.status());
        assertEquals("close", r.header("connection"));
        assertFalse(c.isOpen());
        assertTrue(listener.messages().isEmpty());
        assertFalse(c.finish());
        assertFalse(handshake.finish());
    }

    @Test
    void theRefusalOfATooLargeBodyCarriesCorsHeadersForAnAllowedOrigin() {
        EngineIoServer server = EngineIoServer.create(EngineIoOptions.builder().maxPayload(10)
                .cors(io.socketeer.engineio.CorsOptions.builder().allowOrigins("https://app.example").build())
                .build(), listener);
        HttpConn handshake = new HttpConn(server);
        String sid = Eio.sidOf(handshake.get(Eio.handshake(4)).text());

        HttpConn c = new HttpConn(server);
        HttpReply r = c.post(Eio.poll(sid), "41234567890", "Origin: https://app.example");
        assertEquals(413, r.status());
        assertEquals("https://app.example", r.header("access-control-allow-origin"));
        assertFalse(c.finish());
        assertFalse(handshake.finish());
    }

    @Test
    void refusesAChunkedBodyThatGrowsPastMaxPayloadWith413() {
        EngineIoServer server = server(10);
        HttpConn handshake = new HttpConn(server);
        String sid = Eio.sidOf(handshake.get(Eio.handshake(4)).text());

        HttpConn c = new HttpConn(server);
        c.writeRaw("POST " + Eio.poll(sid) + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\n4aaaaa\r\n");
        c.assertNoReply(); // six bytes so far: still gathering
        c.writeRaw("6\r\n4bbbbb\r\n0\r\n\r\n");
        HttpReply r = c.reply();
        assertEquals(413, r.status());
        assertFalse(c.isOpen());
        assertTrue(listener.messages().isEmpty());
        assertFalse(c.finish());
        assertFalse(handshake.finish());
    }

    @Test
    void gathersAChunkedBodyWithinTheLimit() {
        HttpConn c = new HttpConn(server(100));
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        c.writeRaw("POST " + Eio.poll(sid) + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\n4he\r\n");
        c.assertNoReply();
        c.writeRaw("3\r\nllo\r\n1\r\n\u001e\r\n");
        c.assertNoReply();
        c.writeRaw("2\r\n4x\r\n0\r\n\r\n");
        assertEquals("ok", c.reply().text());
        assertEquals(List.of("hello", "x"), listener.messages().stream().map(m -> m.text()).toList());
        assertFalse(c.finish());
    }

    @Test
    void answersExpectContinueBeforeTheBody() {
        HttpConn c = new HttpConn(server(100));
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        c.writeRaw("POST " + Eio.poll(sid) + " HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
                + "Content-Length: 3\r\n\r\n");
        // the interim answer is read from the raw bytes, before the client decoder sees anything
        ByteBuf interim = c.channel().readOutbound();
        try {
            assertTrue(interim.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 100 Continue"),
                    interim.toString(StandardCharsets.US_ASCII));
        } finally {
            ReferenceCountUtil.release(interim);
        }
        c.writeRaw("4ab");
        assertEquals("ok", c.reply().text());
        assertFalse(c.finish());
    }

    @Test
    void refusesAnUndecodableQueryParameterNameOnItsPathWith400() {
        HttpConn c = new HttpConn(server(100));
        HttpReply r = c.get("/engine.io/?EIO=4&transport=polling&%zz=1");
        assertEquals(400, r.status());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}", r.text());
        assertTrue(c.isOpen());
        assertFalse(c.finish());
    }

    @Test
    void servesSeveralRequestsOnOneKeptAliveConnection() {
        HttpConn c = new HttpConn(server(100));
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", c.post(Eio.poll(sid), "4m" + i).text());
            assertEquals("4m" + i, c.get(Eio.poll(sid)).text());
        }
        assertTrue(c.isOpen());
        assertFalse(c.finish());
    }

    @Test
    void closesTheConnectionAfterAnswerWhenTheClientAsks() {
        HttpConn c = new HttpConn(server(100));
        HttpReply r = c.get(Eio.handshake(4), "Connection: close");
        assertEquals(200, r.status());
        assertEquals("close", r.header("connection"));
        assertFalse(c.isOpen());
        assertFalse(c.finish());
    }

    @Test
    void answersAnUnreadableRequestThroughTheFallback() {
        HttpConn c = new HttpConn(server(100));
        c.writeRaw("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n");
        HttpReply r = c.reply();
        assertEquals(400, r.status());
        assertFalse(c.isOpen());
        assertTrue(listener.opened().isEmpty());
        assertFalse(c.finish());
    }

    @Test
    void refusesARequestWithOversizedHeadersOnItsPathAndCloses() {
        EngineIoServer server = EngineIoServer.create(EngineIoOptions.builder().maxHttpHeaderSize(1024).build(),
                listener);
        HttpConn c = new HttpConn(server);
        // the decoder read the request line, so the request is ours, but it is refused unread
        HttpReply r = c.get("/engine.io/?EIO=4&transport=polling", "X-Big: " + "y".repeat(2000));
        assertTrue(r.status() == 400 || r.status() == 431, r::toString);
        assertEquals("close", r.header("connection"));
        assertFalse(c.isOpen());
        assertTrue(listener.opened().isEmpty());
        assertFalse(c.finish());
    }

    @Test
    void releasesAHalfGatheredBodyWhenTheConnectionDrops() {
        HttpConn c = new HttpConn(server(100));
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        c.writeRaw("POST " + Eio.poll(sid) + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\n\r\n4abc");
        c.assertNoReply();
        c.close(); // the leak detector fails the class if the gathered part is not released
        assertTrue(listener.messages().isEmpty());
        assertFalse(c.finish());
    }

    @Test
    void passesNonHttpMessagesOn() {
        HttpConn c = new HttpConn(server(100));
        List<Object> seen = new ArrayList<>();
        c.channel().pipeline().addBefore("not-found", "spy", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seen.add(msg);
                ReferenceCountUtil.release(msg);
            }
        });
        // something an earlier handler might produce: the engine handler hands it on untouched
        c.channel().pipeline().context("http-codec").fireChannelRead("a user event");
        assertEquals(List.of("a user event"), seen);
        assertFalse(c.finish());
    }
}
