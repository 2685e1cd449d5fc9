package io.socketeer.adminui.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Serving the UI's pages bundled from npm, on an {@link EmbeddedChannel}.
 */
class UiHandlerTest {

    private final EmbeddedChannel ch = new EmbeddedChannel(new UiHandler("/admin/"));

    @AfterEach
    void finish() {
        Object m;
        while ((m = ch.readInbound()) != null) {
            ReferenceCountUtil.release(m);
        }
        assertFalse(ch.finish());
    }

    private FullHttpResponse get(String uri) {
        return request(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri));
    }

    private FullHttpResponse request(FullHttpRequest req) {
        ch.writeInbound(req);
        return ch.readOutbound();
    }

    private static String text(FullHttpResponse res) {
        String s = res.content().toString(StandardCharsets.UTF_8);
        res.release();
        return s;
    }

    @Test
    void theBundledPagesAreInTheJar() {
        assertTrue(UiHandler.available());
        assertEquals("0.5.1", UiHandler.version());
    }

    @Test
    void servesTheIndexPageAtThePath() {
        FullHttpResponse res = get("/admin/");
        assertEquals(HttpResponseStatus.OK, res.status());
        assertEquals("text/html; charset=utf-8", res.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("\"0.5.1\"", res.headers().get(HttpHeaderNames.ETAG));
        assertTrue(text(res).contains("<title>Socket.IO Admin UI</title>"));
    }

    @Test
    void redirectsThePathWithoutItsSlashSoRelativeLinksResolve() {
        FullHttpResponse res = get("/admin?x=1");
        assertEquals(HttpResponseStatus.MOVED_PERMANENTLY, res.status());
        assertEquals("/admin/?x=1", res.headers().get(HttpHeaderNames.LOCATION));
        res.release();
    }

    @Test
    void servesTheScriptsAndStylesTheIndexLinksWithTheirTypes() {
        String index = text(get("/admin/index.html"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("src=\"(js/app\\.[0-9a-f]+\\.js)\"").matcher(index);
        assertTrue(m.find(), index);
        FullHttpResponse js = get("/admin/" + m.group(1));
        assertEquals(HttpResponseStatus.OK, js.status());
        assertEquals("application/javascript; charset=utf-8", js.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertTrue(js.content().readableBytes() > 1000);
        js.release();
        FullHttpResponse png = get("/admin/favicon.png");
        assertEquals("image/png", png.headers().get(HttpHeaderNames.CONTENT_TYPE));
        png.release();
    }

    @Test
    void answersNotModifiedToTheCurrentEtag() {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/admin/");
        req.headers().set(HttpHeaderNames.IF_NONE_MATCH, "\"0.5.1\"");
        FullHttpResponse res = request(req);
        assertEquals(HttpResponseStatus.NOT_MODIFIED, res.status());
        assertEquals(0, res.content().readableBytes());
        res.release();
    }

    @Test
    void passesOnOtherPathsMissingFilesAndNamesThatClimbOut() {
        for (String uri : new String[] {"/socket.io/?EIO=4&transport=polling", "/admin/missing.js",
                "/admin/../io/socketeer/adminui/ui-package/package.json", "/admin/js/../index.html", "/admin/.hidden",
                "/administrator"}) {
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
            ch.writeInbound(req);
            assertNull(ch.readOutbound(), uri);
            FullHttpRequest passed = ch.readInbound();
            assertSame(req, passed, uri);
            passed.release();
        }
    }

    @Test
    void swallowsTheBodyOfARequestItAnswered() {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/admin/");
        ch.writeInbound(head);
        FullHttpResponse res = ch.readOutbound();
        res.release();
        ByteBuf body = ch.alloc().buffer().writeBytes(new byte[] {1, 2, 3});
        ch.writeInbound(new io.netty.handler.codec.http.DefaultLastHttpContent(body));
        assertNull(ch.readInbound());
        assertEquals(0, body.refCnt());
        ch.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        assertSame(LastHttpContent.EMPTY_LAST_CONTENT, ch.readInbound());
    }
}
