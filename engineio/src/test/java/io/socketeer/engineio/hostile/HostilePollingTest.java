package io.socketeer.engineio.hostile;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Polling requests real servers get wrong: unknown and stale sids (a peer leaves them hanging; the answer
 * here must come at once, which {@link HttpConn#reply()} checks as it takes only what was written
 * synchronously, for a POST from its head alone), Engine.IO control packets inside a POST body, and POSTs
 * that overlap or are cut off.
 */
class HostilePollingTest {

    private static final String UNKNOWN_SID = "{\"code\":1,\"message\":\"Session ID unknown\"}";

    private final RecordingListener listener = RecordingListener.echoing();
    private final EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), listener);
    private final List<HttpConn> conns = new ArrayList<>();

    @AfterEach
    void finishConnections() {
        for (HttpConn c : conns) {
            assertFalse(c.finish(), "unread answers");
        }
    }

    private HttpConn connect() {
        HttpConn c = new HttpConn(server);
        conns.add(c);
        return c;
    }

    private String handshake(HttpConn c) {
        return Eio.sidOf(c.get(Eio.handshake(4)).text());
    }

    @Test
    void aGetWithAnUnknownSidIsAnswered400AtOnce() {
        HttpReply r = connect().get(Eio.poll("AAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(400, r.status());
        assertEquals(UNKNOWN_SID, r.text());
        assertEquals(0, server.sessionCount());
    }

    @Test
    void aPostWithAnUnknownSidIsAnswered400AtOnceAndDeliversNothing() {
        HttpReply r = connect().post(Eio.poll("nope"), "4hello");
        assertEquals(400, r.status());
        assertEquals(UNKNOWN_SID, r.text());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void aStaleSidIsAnswered400AtOnceAfterTheClientClosedTheSession() {
        HttpConn c = connect();
        String sid = handshake(c);
        assertEquals("ok", c.post(Eio.poll(sid), "1").text());
        assertSame(CloseReason.TRANSPORT_CLOSE, listener.closeReason());

        HttpConn late = connect();
        HttpReply get = late.get(Eio.poll(sid));
        assertEquals(400, get.status());
        assertEquals(UNKNOWN_SID, get.text());
        HttpReply post = late.post(Eio.poll(sid), "4too late");
        assertEquals(400, post.status());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void aStaleSidIsAnswered400AtOnceAfterTheServerClosedTheSession() {
        HttpConn c = connect();
        String sid = handshake(c);
        HttpConn poller = connect();
        poller.request("GET", Eio.poll(sid), null);
        poller.assertNoReply(); // held
        listener.session().close();
        c.runTasks();
        assertEquals("1", poller.reply().text(), "the held poll gets the close packet");

        HttpReply r = connect().get(Eio.poll(sid));
        assertEquals(400, r.status());
        assertEquals(UNKNOWN_SID, r.text());
    }

    @Test
    void aPingFromTheClientInsideAPostClosesTheSessionAsTheReferenceDoes() {
        HttpConn c = connect();
        String sid = handshake(c);
        c.post(Eio.poll(sid), "2");
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason(), "v4 heartbeats go server to client");
        assertFalse(listener.session().isOpen());
        assertEquals(400, c.get(Eio.poll(sid)).status());
    }

    @Test
    void openAndNoopPacketsInsideAPostAreIgnored() {
        HttpConn c = connect();
        String sid = handshake(c);
        HttpReply r = c.post(Eio.poll(sid), "0" + Eio.RS + "6" + Eio.RS + "0{\"sid\":\"forged\"}" + Eio.RS + "4still here");
        assertEquals("ok", r.text());
        assertNull(listener.closeReason());
        EngineIoSession s = listener.session();
        assertTrue(s.isOpen());
        assertEquals(sid, s.id(), "an open packet from the client changes nothing");
        assertEquals(List.of("still here"), listener.messages().stream().map(m -> m.text()).toList());
        assertEquals("4still here", c.get(Eio.poll(sid)).text());
    }

    @Test
    void controlPacketsInAPostAfterAPingAreNotActedOn() {
        HttpConn c = connect();
        String sid = handshake(c);
        assertEquals("ok", c.post(Eio.poll(sid), "2" + Eio.RS + "4after the ping").text());
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertTrue(listener.messages().isEmpty(), "nothing is delivered once the session closed");
    }

    /** Sends only the head of a POST announcing {@code contentLength} bytes of body. */
    private static void postHead(HttpConn c, String uri, int contentLength) {
        c.request("POST", uri, null, "Content-Type: text/plain;charset=UTF-8", "Content-Length: " + contentLength);
    }

    @Test
    void aPostWithAnUnknownSidIsAnsweredFromItsHeadAndItsBodyIsSkipped() {
        HttpConn c = connect();
        postHead(c, Eio.poll("AAAAAAAAAAAAAAAAAAAAAAAA"), 600_000);
        HttpReply r = c.reply(); // before a byte of the body
        assertEquals(400, r.status());
        assertEquals(UNKNOWN_SID, r.text());
        for (int i = 0; i < 6; i++) {
            c.writeRaw("4".repeat(100_000));
        }
        c.assertNoReply();
        assertTrue(c.isOpen(), "the connection stays usable");
        assertEquals(UNKNOWN_SID, c.get(Eio.poll("AAAAAAAAAAAAAAAAAAAAAAAA")).text());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void aPostWhileAnotherOfTheSameSessionIsStillBeingReadIsAnOverlapThatClosesTheSession() {
        HttpConn c = connect();
        String sid = handshake(c);
        assertEquals("ok", connect().post(Eio.poll(sid), "4one").text());
        assertEquals("ok", connect().post(Eio.poll(sid), "4two").text(), "one after the other is fine");

        HttpConn slow = connect();
        postHead(slow, Eio.poll(sid), 12);
        slow.writeRaw("4thr");
        slow.assertNoReply();
        HttpReply overlap = connect().post(Eio.poll(sid), "4four");
        assertEquals(400, overlap.status());
        c.runTasks();
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertEquals("data request overlap from client", listener.closes().get(0).description());

        slow.writeRaw("ee, late");
        assertEquals(400, slow.reply().status(), "the session is gone");
        assertEquals(List.of("one", "two"), listener.messages().stream().map(m -> m.text()).toList());
    }

    @Test
    void aPostWhoseConnectionDropsBeforeItsBodyIsCompleteClosesTheSession() {
        HttpConn c = connect();
        String sid = handshake(c);
        HttpConn dropped = connect();
        postHead(dropped, Eio.poll(sid), 100);
        dropped.writeRaw("4half");
        dropped.assertNoReply();
        dropped.close();
        c.runTasks();
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertEquals("data request connection closed prematurely", listener.closes().get(0).description());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void aPostRefusedForItsSizeWhileStreamingLeavesTheSessionOpenToTheNextPost() {
        HttpConn c = connect();
        String sid = handshake(c);
        HttpConn big = connect();
        big.request("POST", Eio.poll(sid), null, "Transfer-Encoding: chunked");
        String chunk = "4".repeat(400_000);
        for (int i = 0; i < 3; i++) {
            big.writeRaw(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
        }
        assertEquals(413, big.reply().status());
        assertNull(listener.closeReason());
        assertEquals("ok", connect().post(Eio.poll(sid), "4small").text(), "no overlap is left behind");
        assertEquals(List.of("small"), listener.messages().stream().map(m -> m.text()).toList());
    }
}
