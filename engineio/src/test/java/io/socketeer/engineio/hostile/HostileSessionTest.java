package io.socketeer.engineio.hostile;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.Transport;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import io.socketeer.engineio.testing.WsConn;
import io.socketeer.engineio.testing.WsFrame;
import io.socketeer.engineio.testing.WsFrame.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One client must never read or inject into another's session: a sid taken over from another connection
 * once the session is upgraded, a valid sid with the other transport, and upgrade requests that would
 * leave half-made sessions behind.
 */
class HostileSessionTest {

    private final RecordingListener listener = RecordingListener.echoing();
    private final EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), listener);
    private final List<HttpConn> https = new ArrayList<>();
    private final List<WsConn> sockets = new ArrayList<>();
    private final HttpConn owner = http();

    @AfterEach
    void finishConnections() {
        for (WsConn w : sockets) {
            assertFalse(w.finish(), "unread frames");
        }
        for (HttpConn c : https) {
            assertFalse(c.finish(), "unread answers");
        }
    }

    private HttpConn http() {
        HttpConn c = new HttpConn(server);
        https.add(c);
        return c;
    }

    private WsConn socket(String uri) {
        WsConn ws = WsConn.upgrade(server, uri).sessionOn(owner);
        sockets.add(ws);
        return ws;
    }

    /** A polling session upgraded to a WebSocket, as the stock client does it. */
    private WsConn upgraded(String sid) {
        WsConn ws = socket(Eio.websocket(sid));
        ws.sendText("2probe");
        assertEquals("3probe", ws.frame().text());
        ws.sendText("5");
        assertSame(Transport.WEBSOCKET, listener.session().transport());
        return ws;
    }

    @Test
    void anUpgradedSessionsSidIsRefusedToPollingFromAnotherConnection() {
        String sid = Eio.sidOf(owner.get(Eio.handshake(4)).text());
        WsConn legit = upgraded(sid);

        HttpConn thief = http();
        HttpReply read = thief.get(Eio.poll(sid));
        assertEquals(400, read.status());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}", read.text());
        HttpReply inject = thief.post(Eio.poll(sid), "4injected");
        assertEquals(400, inject.status());
        assertTrue(listener.messages().isEmpty(), "nothing injected");

        listener.session().send("for the owner only");
        owner.runTasks();
        assertEquals("4for the owner only", legit.frame().text());
        assertTrue(listener.session().isOpen());
    }

    @Test
    void anUpgradedSessionsSidIsRefusedToASecondWebSocket() {
        String sid = Eio.sidOf(owner.get(Eio.handshake(4)).text());
        WsConn legit = upgraded(sid);

        WsConn thief = socket(Eio.websocket(sid));
        List<WsFrame> got = thief.frames();
        assertEquals(1, got.size(), got::toString);
        assertEquals(Kind.CLOSE, got.get(0).kind(), "the second socket is closed at once");
        assertFalse(thief.isOpen(), "so it can send nothing into the session");
        assertEquals(1, listener.opened().size());

        legit.sendText("4mine");
        assertEquals("4mine", legit.frame().text());
        assertTrue(listener.session().isOpen());
    }

    @Test
    void aPollingRequestWithAValidSidButTheWebSocketTransportIsRefused() {
        String sid = Eio.sidOf(owner.get(Eio.handshake(4)).text());
        EngineIoSession s = listener.session();

        HttpConn other = http();
        HttpReply get = other.get("/engine.io/?EIO=4&transport=websocket&sid=" + sid); // no Upgrade header
        assertEquals(400, get.status());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}", get.text());
        HttpReply post = other.post("/engine.io/?EIO=4&transport=websocket&sid=" + sid, "4injected");
        assertEquals(400, post.status());
        assertTrue(listener.messages().isEmpty());
        assertTrue(s.isOpen(), "the owner's session is not disturbed");
        assertSame(Transport.POLLING, s.transport());
    }

    @Test
    void aWebSocketSessionsSidIsRefusedToPolling() {
        WsConn ws = socket("/engine.io/?EIO=4&transport=websocket");
        String sid = Eio.sidOf(ws.frame().text());
        HttpReply r = http().get(Eio.poll(sid));
        assertEquals(400, r.status());
        assertTrue(listener.session().isOpen());
    }

    @Test
    void anUpgradeRequestWithoutAKeyIsRefusedAndLeavesNoSession() {
        WsConn ws = socket("/engine.io/?EIO=4&transport=websocket"); // a well-formed one for comparison
        ws.frame();
        assertEquals(1, server.sessionCount());

        HttpConn bad = http();
        bad.writeRaw("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
        HttpReply r = bad.reply();
        assertEquals(400, r.status());
        assertFalse(bad.isOpen());
        assertEquals(1, server.sessionCount(), "no half-made session left behind");
        assertEquals(1, listener.opened().size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // hixie-75: no version, no keys; Netty would answer it with a handshake of its own
        "Origin: https://example.com\r\n\r\n",
        // hixie-76: two keys, and eight bytes after the head
        "Origin: https://example.com\r\nSec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\n"
                + "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n\r\n^n:ds[4U",
        // a draft other than the last one, and a version that does not exist
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 7\r\n\r\n",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n",
    })
    void anUpgradeRequestInAWebSocketVersionOtherThan13Or8IsRefusedAndLeavesNoSession(String rest) {
        HttpConn bad = http();
        // a control character in the path, which the old handshakes would copy into a header
        bad.writeRaw("GET /engine.io/\u0001?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n" + rest);
        HttpReply r = bad.reply();
        assertEquals(400, r.status(), r.toString());
        assertFalse(bad.isOpen());
        assertEquals(0, server.sessionCount(), "no session");
        assertTrue(listener.opened().isEmpty());
    }

    @Test
    void anUpgradeRequestOfTheLastDraftVersion8IsAccepted() {
        WsConn ws = WsConn.upgrade(server, "/engine.io/?EIO=4&transport=websocket", 8);
        assertEquals(101, ws.status());
        assertTrue(ws.frame().text().startsWith("0{\"sid\""));
        assertEquals(1, server.sessionCount());
    }

    @Test
    void anUpgradeRequestWithoutAVersionOrOriginIsRefusedAndLeavesNoSession() {
        HttpConn bad = http();
        bad.writeRaw("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        assertEquals(400, bad.reply().status());
        assertEquals(0, server.sessionCount(), "no half-made session left behind");
        assertTrue(listener.opened().isEmpty());
    }
}
