package io.socketeer.engineio.internal;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.SessionCookie;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import io.socketeer.engineio.testing.WsConn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The headers a handshake's answer gets besides the protocol's (the reference's {@code cookie} option and
 * {@code initial_headers} event): on the polling handshake's 200 and on a WebSocket's 101, with and without
 * permessage-deflate, never on a session's later requests; a failing or hostile hook costs its headers only.
 */
class InitialHeadersTest {

    private static final String WS = "/engine.io/?EIO=4&transport=websocket";

    private final RecordingListener listener = RecordingListener.recording();
    private final List<HttpConn> conns = new ArrayList<>();
    private final List<WsConn> sockets = new ArrayList<>();

    @AfterEach
    void finishConnections() {
        conns.forEach(c -> assertFalse(c.finish(), "unread output"));
        sockets.forEach(c -> c.finish());
    }

    private HttpConn polling(EngineIoOptions options) {
        HttpConn c = new HttpConn(EngineIoServer.create(options, listener));
        conns.add(c);
        return c;
    }

    private WsConn webSocket(EngineIoOptions options, String headers) {
        WsConn ws = WsConn.upgrade(EngineIoServer.create(options, listener), WS, headers);
        sockets.add(ws);
        return ws;
    }

    private static EngineIoOptions.Builder withCookieAndHook() {
        return EngineIoOptions.builder().cookie(SessionCookie.defaults())
                .initialHeaders((req, sid, headers) -> headers.add("X-Session", sid + " " + req.transport()));
    }

    @Test
    void thePollingHandshakeSetsTheSessionCookieAndTheHooksHeadersButLaterRequestsDoNot() {
        HttpConn c = polling(withCookieAndHook().build());
        HttpReply open = c.get(Eio.handshake(4));
        String sid = Eio.sidOf(open.text());
        assertEquals("io=" + sid + "; Path=/; HTTPOnly; SameSite=Lax", open.header("set-cookie"));
        assertEquals(sid + " POLLING", open.header("x-session"));

        HttpReply ok = c.post(Eio.poll(4, sid), "4hello");
        assertEquals(200, ok.status());
        assertNull(ok.header("set-cookie"));
        assertNull(ok.header("x-session"));
    }

    @Test
    void aWebSocketHandshakeCarriesThemInItsSwitchingProtocolsAnswer() {
        WsConn ws = webSocket(withCookieAndHook().build(), "Sec-WebSocket-Version: 13\r\n");
        assertEquals(101, ws.status());
        String sid = Eio.sidOf(ws.frame().text());
        assertEquals("io=" + sid + "; Path=/; HTTPOnly; SameSite=Lax", ws.header("set-cookie"));
        assertEquals(sid + " WEBSOCKET", ws.header("x-session"));
        assertEquals(WsConn.SAMPLE_ACCEPT, ws.header("sec-websocket-accept"));
    }

    @Test
    void soDoesOneWithPermessageDeflateThroughNettysHandshaker() {
        WsConn ws = webSocket(withCookieAndHook().perMessageDeflate(true).build(),
                "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n");
        assertEquals(101, ws.status());
        String sid = Eio.sidOf(ws.frame().text());
        assertEquals("io=" + sid + "; Path=/; HTTPOnly; SameSite=Lax", ws.header("set-cookie"));
        assertEquals(sid + " WEBSOCKET", ws.header("x-session"));
    }

    @Test
    void aHookThatFailsLosesItsHeadersAndTheHandshakeGoesOn() {
        EngineIoOptions options = EngineIoOptions.builder().cookie(SessionCookie.named("sticky"))
                .initialHeaders((req, sid, headers) -> {
                    headers.add("X-Partial", "1");
                    throw new IllegalStateException("boom");
                }).build();
        HttpReply open = polling(options).get(Eio.handshake(4));
        assertEquals(200, open.status());
        assertEquals("sticky=" + Eio.sidOf(open.text()) + "; Path=/; HTTPOnly; SameSite=Lax",
                open.header("set-cookie"));
        assertNull(open.header("x-partial"));
    }

    @Test
    void aHeaderValueThatWouldSplitTheAnswerIsRefusedNotWritten() {
        EngineIoOptions options = EngineIoOptions.builder()
                .initialHeaders((req, sid, headers) -> headers.add("X-Echo", req.query().get("name")))
                .build();
        String injected = "a%0D%0ASet-Cookie:%20admin=1";
        HttpReply open = polling(options).get(Eio.handshake(4) + "&name=" + injected);
        assertEquals(200, open.status());
        assertNull(open.header("x-echo"));
        assertNull(open.header("set-cookie"));

        WsConn ws = webSocket(options, "Sec-WebSocket-Version: 13\r\n");
        assertEquals(101, ws.status());
        assertNull(ws.header("set-cookie"));
    }

    @Test
    void aCookieCarriesTheAttributesItWasGiven() {
        SessionCookie c = SessionCookie.named("lb").path("/app").domain("example.com").secure(true)
                .httpOnly(false).sameSite(SessionCookie.SameSite.NONE).maxAge(Duration.ofHours(1));
        String value = c.encode("abc-_1");
        assertEquals("lb=abc-_1; Max-Age=3600; Expires=", value.substring(0, 33));
        assertEquals("; Path=/app; Domain=example.com; Secure; SameSite=None",
                value.substring(value.indexOf(" GMT") + 4));
        assertEquals("io=<sid>; Path=/; HTTPOnly; SameSite=Lax", SessionCookie.defaults().toString());
        assertEquals("io=x", SessionCookie.defaults().path(null).httpOnly(false).sameSite(null).encode("x"));
        assertThrows(IllegalArgumentException.class, () -> SessionCookie.named("a b"));
        assertThrows(IllegalArgumentException.class, () -> SessionCookie.named("a;b"));
        assertThrows(IllegalArgumentException.class, () -> SessionCookie.defaults().maxAge(Duration.ofSeconds(-1)));
    }
}
