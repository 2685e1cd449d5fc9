package io.socketeer.engineio.internal.session;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoObserver;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upgrade from polling to WebSocket (conformance §4.8): probe, noop for the waiting poll, upgrade, the
 * ways an upgrade is abandoned, and which of them the observer hears of.
 *
 * <p>The session lives on the loop of connection {@code a}; the sockets run that loop's tasks whenever they
 * send or read ({@link WsConn#sessionOn}), as the session's work for them is queued there.
 */
class EngineSessionUpgradeTest {

    private final RecordingListener listener = RecordingListener.echoing();
    private EngineIoServer server = EngineIoServer.create(EngineIoOptions.builder().allowEio3(true).build(), listener);
    private final List<HttpConn> https = new ArrayList<>();
    private final List<WsConn> sockets = new ArrayList<>();
    private HttpConn a = http();

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

    private void useOptions(EngineIoOptions options) {
        server = EngineIoServer.create(options, listener);
        a = http();
    }

    private String handshake() {
        return Eio.sidOf(a.get(Eio.handshake(4)).text());
    }

    /** Opens the probing socket and lets the session take it as its probe. */
    private WsConn probeSocket(String uri) {
        WsConn ws = WsConn.upgrade(server, uri).sessionOn(a);
        sockets.add(ws);
        assertEquals(101, ws.status());
        return ws;
    }

    private WsConn probed(String sid) {
        WsConn ws = probeSocket(Eio.websocket(sid));
        assertTrue(ws.frames().isEmpty(), "an upgrading socket gets no open packet");
        ws.sendText("2probe");
        assertEquals("3probe", ws.frame().text());
        return ws;
    }

    @Test
    void upgradesAfterProbeAndMovesQueuedMessagesToTheSocketInOrder() {
        String sid = handshake();
        EngineIoSession session = listener.session();
        WsConn ws = probed(sid);
        assertSame(Transport.POLLING, session.transport(), "still polling until the client sends 5");

        session.send("q1");
        session.send(new byte[] {7});
        session.send("q2");
        a.runTasks();
        ws.sendText("5");

        List<WsFrame> frames = ws.frames();
        assertEquals(3, frames.size(), frames::toString);
        assertEquals("4q1", frames.get(0).text());
        assertEquals(Kind.BINARY, frames.get(1).kind());
        assertArrayEquals(new byte[] {7}, frames.get(1).data());
        assertEquals("4q2", frames.get(2).text());
        assertSame(Transport.WEBSOCKET, session.transport());
        assertEquals(List.of(session), listener.upgraded());

        ws.sendText("4hello");
        assertEquals("4hello", ws.frame().text());
    }

    @Test
    void probeSentRightAfterTheHandshakeIsAnsweredBeforeAnyOtherTaskRuns() {
        // When the socket shares the session's event loop, its first frame may be read before queued tasks
        // run: the socket must already be the session's probe when its handshake completes.
        String sid = handshake();
        WsConn ws = WsConn.upgrade(server, Eio.websocket(sid)); // the session's loop runs nothing meanwhile
        sockets.add(ws);
        ws.sendText("2probe");
        assertEquals("3probe", ws.frame().text());
        assertTrue(ws.isOpen());
    }

    @Test
    void waitingPollIsReleasedWithANoopShortlyAfterTheProbeNotAtIt() {
        String sid = handshake();
        WsConn ws = probed(sid);
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();

        a.advance(Duration.ofMillis(99));
        a.assertNoReply();
        a.advance(Duration.ofMillis(1));
        HttpReply noop = a.reply();
        assertEquals(200, noop.status());
        assertEquals("6", noop.text());

        ws.sendText("5");
        assertTrue(ws.frames().isEmpty());
        assertSame(Transport.WEBSOCKET, listener.session().transport());
    }

    @Test
    void pollHeldWhenTheUpgradeCompletesGetsANoop() {
        String sid = handshake();
        WsConn ws = probed(sid);
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();
        ws.sendText("5");
        assertEquals("6", a.reply().text());
        assertNull(listener.closeReason());
    }

    @Test
    void pollingRequestsAfterTheUpgradeAreRefusedAndTheSocketKeepsWorking() {
        String sid = handshake();
        WsConn ws = probed(sid);
        ws.sendText("5");

        HttpReply get = a.get(Eio.poll(sid));
        assertEquals(400, get.status());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}", get.text());
        assertEquals(400, a.post(Eio.poll(sid), "4x").status());
        assertNull(listener.closeReason());

        ws.sendText("4still");
        assertEquals("4still", ws.frame().text());
    }

    @Test
    void secondSocketForAnUpgradedSessionIsClosedAndTheFirstKeepsWorking() {
        String sid = handshake();
        WsConn ws = probed(sid);
        ws.sendText("5");

        WsConn second = probeSocket(Eio.websocket(sid));
        assertEquals(Kind.CLOSE, second.frame().kind());
        assertFalse(second.isOpen());

        ws.sendText("4hi");
        assertEquals("4hi", ws.frame().text());
        assertNull(listener.closeReason());
    }

    @Test
    void secondProbeWhileOneIsPendingIsClosed() {
        String sid = handshake();
        WsConn first = probed(sid);
        WsConn second = probeSocket(Eio.websocket(sid));
        assertEquals(Kind.CLOSE, second.frame().kind());

        first.sendText("5");
        assertSame(Transport.WEBSOCKET, listener.session().transport());
    }

    @Test
    void unexpectedPacketOnTheProbeAbandonsTheUpgrade() {
        String sid = handshake();
        WsConn ws = probeSocket(Eio.websocket(sid));
        ws.sendText("4too early");
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertFalse(ws.isOpen());
        assertTrue(listener.messages().isEmpty(), "nothing on a probe reaches the application");

        // the session carries on over polling
        assertEquals("ok", a.post(Eio.poll(sid), "4on polling").text());
        assertEquals("4on polling", a.get(Eio.poll(sid)).text());
        assertSame(Transport.POLLING, listener.session().transport());
    }

    @Test
    void upgradePacketBeforeTheProbeAbandonsTheUpgrade() {
        String sid = handshake();
        WsConn ws = probeSocket(Eio.websocket(sid));
        ws.sendText("5");
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertSame(Transport.POLLING, listener.session().transport());
        assertTrue(listener.upgraded().isEmpty());
    }

    @Test
    void invalidPacketOnTheProbeAbandonsTheUpgradeButNotTheSession() {
        String sid = handshake();
        WsConn ws = probed(sid);
        ws.sendText("xyz");
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertNull(listener.closeReason());
        assertTrue(listener.session().isOpen());
    }

    @Test
    void upgradeIsAbandonedAfterTheUpgradeTimeout() {
        String sid = handshake();
        WsConn ws = probed(sid);
        a.advance(Duration.ofSeconds(9));
        assertTrue(ws.frames().isEmpty(), "closed too early");
        a.advance(Duration.ofSeconds(1));
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertFalse(ws.isOpen());
        assertSame(Transport.POLLING, listener.session().transport());

        // the client may try again
        WsConn again = probed(sid);
        again.sendText("5");
        assertSame(Transport.WEBSOCKET, listener.session().transport());
    }

    @Test
    void droppedProbeLeavesTheSessionOnPolling() {
        String sid = handshake();
        WsConn ws = probed(sid);
        ws.close();
        a.runTasks();
        assertNull(listener.closeReason());

        WsConn again = probed(sid);
        again.sendText("5");
        assertSame(Transport.WEBSOCKET, listener.session().transport());
    }

    @Test
    void closingTheSessionDuringTheProbeWithAPollHeldClosesThePollAndTheProbe() {
        String sid = handshake();
        WsConn ws = probed(sid);
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();
        listener.session().close();
        a.runTasks();
        assertEquals("1", a.reply().text());
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertFalse(ws.isOpen());
        assertSame(CloseReason.FORCED_CLOSE, listener.closeReason());
    }

    @Test
    void sessionClosedWhileTheClientPausedPollingClosesOnTheUpgradedSocket() {
        // The client stops polling once the probe is answered; a close packet waiting for its next poll would
        // never be read, so the upgrade completes and the close goes out on the WebSocket.
        String sid = handshake();
        EngineIoSession session = listener.session();
        WsConn ws = probed(sid);
        session.send("last words");
        session.close();
        a.runTasks();
        assertTrue(ws.frames().isEmpty(), "the probe stays open while the session closes");
        assertNull(listener.closeReason());

        ws.sendText("5");
        List<WsFrame> frames = ws.frames();
        assertEquals(2, frames.size(), frames::toString);
        assertEquals("4last words", frames.get(0).text());
        assertEquals(Kind.CLOSE, frames.get(1).kind());
        assertFalse(ws.isOpen());
        assertSame(CloseReason.FORCED_CLOSE, listener.closeReason());
    }

    @Test
    void probeThatNeverUpgradesWhileTheSessionClosesEndsAtTheUpgradeTimeoutAndTheSessionAfterTheHeartbeat() {
        String sid = handshake();
        WsConn ws = probed(sid);
        listener.session().close();
        a.runTasks();
        a.advance(Duration.ofSeconds(10));
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertNull(listener.closeReason());
        a.advance(Duration.ofSeconds(35)); // pingInterval + pingTimeout after the close
        assertSame(CloseReason.FORCED_CLOSE, listener.closeReason());
    }

    @Test
    void upgradesAreRefusedWhenDisabled() {
        useOptions(EngineIoOptions.builder().allowUpgrades(false).build());
        String sid = handshake();
        WsConn ws = probeSocket(Eio.websocket(sid));
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertSame(Transport.POLLING, listener.session().transport());
    }

    @Test
    void upgradeOfAPollingRequestIsRefused() {
        String sid = handshake();
        WsConn ws = WsConn.upgrade(server, Eio.poll(sid));
        sockets.add(ws);
        assertEquals(400, ws.status());
        assertFalse(ws.isOpen());
        assertTrue(listener.session().isOpen());
    }

    @Test
    void v3SessionUpgradesAndSendsBinaryWithTheTypeByte() {
        String sid = Eio.sidOf(a.get(Eio.handshake(3) + "&b64=1").text());
        WsConn ws = probeSocket("/engine.io/?EIO=3&transport=websocket&sid=" + sid);
        ws.sendText("2probe");
        assertEquals("3probe", ws.frame().text());
        ws.sendText("5");
        listener.session().send(new byte[] {1, 2});
        WsFrame f = ws.frame();
        assertEquals(Kind.BINARY, f.kind());
        assertArrayEquals(new byte[] {4, 1, 2}, f.data());
        assertEquals(3, listener.session().protocolVersion());
    }

    @Test
    void closingTheUpgradedSocketClosesTheSession() {
        String sid = handshake();
        WsConn ws = probed(sid);
        ws.sendText("5");
        ws.close();
        a.runTasks();
        assertSame(CloseReason.TRANSPORT_CLOSE, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(sid)).status());
    }

    private EngineIoSession last() {
        List<EngineIoSession> opened = listener.opened();
        return opened.get(opened.size() - 1);
    }

    @Test
    void onlyAnUpgradeUnderWayThatIsAbandonedIsReportedAsFailed() {
        List<String> failed = new ArrayList<>();
        useOptions(EngineIoOptions.builder().observer(new EngineIoObserver() {
            @Override
            public void upgradeFailed(String reason) {
                failed.add(reason);
            }
        }).build());

        // a session that upgrades, then closes
        String upgraded = handshake();
        WsConn ws = probed(upgraded);
        ws.sendText("5");
        ws.close();
        a.runTasks();
        // a session that never tries, closed by the server
        handshake();
        last().close();
        a.runTasks();
        assertEquals(List.of(), failed, "no upgrade failed");

        // a session whose probe gets something else than a probe
        String abandoned = handshake();
        WsConn early = probeSocket(Eio.websocket(abandoned));
        early.sendText("4too early");
        assertEquals(Kind.CLOSE, early.frame().kind());
        last().close();
        a.runTasks();
        assertEquals(List.of("unexpected packet during upgrade"), failed, "one failure, not one per close");
    }
}
