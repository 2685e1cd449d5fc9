package io.socketeer.engineio.internal.session;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import io.socketeer.engineio.testing.WsConn;
import io.socketeer.engineio.testing.WsFrame.Kind;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heartbeats (conformance §4.7): the v4 server pings after {@code pingInterval} and closes without a pong
 * within {@code pingTimeout}; a v3 server waits for the client's pings.
 *
 * <p>Timers and the session's heartbeat deadline both run on the connections' frozen clocks, so pings and
 * timeouts happen exactly when a test advances them; advancing the clock without running timers shows the
 * check a request makes on its own.
 */
class EngineSessionHeartbeatTest {

    private static final Duration INTERVAL = Duration.ofSeconds(25);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(30);

    private final RecordingListener listener = RecordingListener.echoing();
    private final List<HttpConn> https = new ArrayList<>();
    private final List<WsConn> sockets = new ArrayList<>();

    @AfterEach
    void finishConnections() {
        for (WsConn w : sockets) {
            assertFalse(w.finish(), "unread frames");
        }
        for (HttpConn c : https) {
            assertFalse(c.finish(), "unread answers");
        }
    }

    private HttpConn http(EngineIoOptions options) {
        HttpConn c = new HttpConn(EngineIoServer.create(options, listener));
        https.add(c);
        return c;
    }

    private WsConn socket(EngineIoOptions options, String uri) {
        WsConn w = WsConn.upgrade(EngineIoServer.create(options, listener), uri);
        sockets.add(w);
        return w;
    }

    private static EngineIoOptions shortTimeout() {
        return EngineIoOptions.builder().allowEio3(true).pingInterval(INTERVAL).pingTimeout(SHORT_TIMEOUT).build();
    }

    @Test
    void pollingClientGetsAPingEveryIntervalWhileItAnswersPongs() {
        HttpConn a = http(EngineIoOptions.builder().allowEio3(true).build());
        String sid = Eio.sidOf(a.get(Eio.handshake(4)).text());
        for (int round = 0; round < 3; round++) {
            a.request("GET", Eio.poll(sid), null);
            a.advance(INTERVAL.minusMillis(1));
            a.assertNoReply();
            a.advance(Duration.ofMillis(1));
            HttpReply ping = a.reply();
            assertEquals(200, ping.status());
            assertEquals("2", ping.text());
            assertEquals("ok", a.post(Eio.poll(sid), "3").text());
        }
        assertNull(listener.closeReason());
        assertTrue(listener.messages().isEmpty(), "pongs are not messages");
    }

    @Test
    void pongPostponesTheTimeoutUntilTheNextPing() {
        HttpConn a = http(EngineIoOptions.builder().allowEio3(true).build());
        String sid = Eio.sidOf(a.get(Eio.handshake(4)).text());
        a.advance(INTERVAL);
        assertEquals("2", a.get(Eio.poll(sid)).text());
        a.post(Eio.poll(sid), "3");
        a.advance(Duration.ofSeconds(24)); // past the 20 s timeout of the answered ping
        assertNull(listener.closeReason());
        a.advance(Duration.ofSeconds(1));
        assertEquals("2", a.get(Eio.poll(sid)).text());
    }

    @Test
    void pongWithoutAPingIsIgnored() {
        HttpConn a = http(EngineIoOptions.builder().allowEio3(true).build());
        String sid = Eio.sidOf(a.get(Eio.handshake(4)).text());
        assertEquals("ok", a.post(Eio.poll(sid), "3").text());
        // the ping schedule is not disturbed by the stray pong
        a.advance(INTERVAL);
        assertEquals("2", a.get(Eio.poll(sid)).text());
    }

    @Test
    void sessionClosesWithPingTimeoutWhenNoPongComes() {
        HttpConn a = http(shortTimeout());
        String sid = Eio.sidOf(a.get(Eio.handshake(4)).text());
        a.request("GET", Eio.poll(sid), null);
        a.advance(INTERVAL);
        assertEquals("2", a.reply().text());

        Await.until("the session to time out", () -> {
            a.advance(SHORT_TIMEOUT);
            return listener.closeReason() != null;
        });
        assertSame(CloseReason.PING_TIMEOUT, listener.closeReason());
        HttpReply after = a.get(Eio.poll(sid));
        assertEquals(400, after.status());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", after.text());
    }

    @Test
    void pollingRequestAfterTheDeadlineFindsTheSessionDeadEvenBeforeItsTimerRuns() {
        HttpConn a = http(shortTimeout());
        String sid = Eio.sidOf(a.get(Eio.handshake(4)).text());
        a.advance(INTERVAL); // the ping is queued; nobody polls for it
        a.advanceClockOnly(SHORT_TIMEOUT);

        // the frozen clock has not reached the timeout timer: only the check on the request can see it
        HttpReply r = a.get(Eio.poll(sid));
        assertEquals(400, r.status());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", r.text());
        assertSame(CloseReason.PING_TIMEOUT, listener.closeReason());
    }

    @Test
    void postAfterTheDeadlineIsRefusedToo() {
        HttpConn a = http(shortTimeout());
        String sid = Eio.sidOf(a.get(Eio.handshake(4)).text());
        a.advance(INTERVAL);
        a.advanceClockOnly(SHORT_TIMEOUT);

        assertEquals(400, a.post(Eio.poll(sid), "3").status());
        assertSame(CloseReason.PING_TIMEOUT, listener.closeReason());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void webSocketClientGetsPingFramesAndIsClosedWithoutPong() {
        WsConn ws = socket(shortTimeout(), "/engine.io/?EIO=4&transport=websocket");
        ws.frame(); // open packet
        for (int round = 0; round < 3; round++) {
            ws.advance(INTERVAL);
            assertEquals("2", ws.frame().text());
            ws.sendText("3");
        }
        assertNull(listener.closeReason());

        ws.advance(INTERVAL);
        assertEquals("2", ws.frame().text());
        Await.until("the socket to time out", () -> {
            ws.advance(SHORT_TIMEOUT);
            return listener.closeReason() != null;
        });
        assertSame(CloseReason.PING_TIMEOUT, listener.closeReason());
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertFalse(ws.isOpen());
    }

    @Test
    void v3ServerNeverPingsButAnswersTheClientsPingAtOnce() {
        EngineIoServer server = EngineIoServer.create(EngineIoOptions.builder().allowEio3(true).build(), listener);
        HttpConn a = new HttpConn(server);
        HttpConn b = new HttpConn(server);
        https.add(a);
        https.add(b);
        String sid = Eio.sidOf(a.get(Eio.handshake(3) + "&b64=1").text());
        a.request("GET", Eio.poll(3, sid), null);
        a.advance(INTERVAL);
        a.assertNoReply();

        assertEquals("ok", b.post(Eio.poll(3, sid), "1:2").text());
        assertEquals("1:3", a.reply().text()); // the held GET, released by the pong
        assertNull(listener.closeReason());
    }

    @Test
    void v3SessionClosesWhenTheClientSendsNothingForIntervalPlusTimeout() {
        EngineIoOptions options = EngineIoOptions.builder().allowEio3(true).pingInterval(Duration.ofMillis(10))
                .pingTimeout(Duration.ofMillis(20)).build();
        HttpConn a = http(options);
        String sid = Eio.sidOf(a.get(Eio.handshake(3) + "&b64=1").text());
        Await.until("the v3 session to time out", () -> {
            a.advance(Duration.ofMillis(30));
            return listener.closeReason() != null;
        });
        assertSame(CloseReason.PING_TIMEOUT, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(3, sid)).status());
    }
}
