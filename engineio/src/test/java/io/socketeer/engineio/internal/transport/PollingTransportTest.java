package io.socketeer.engineio.internal.transport;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.socketeer.engineio.testing.Eio.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Protocol v4 long-polling through the whole pipeline (conformance §4.5): POST then GET with an echoing
 * application, held GETs, overlapping and aborted GETs, and closes from either side.
 *
 * <p>A session lives on the loop of the connection its handshake came on ({@code a}); a second connection
 * ({@code b}) is used where one request must be held while another is made.
 */
class PollingTransportTest {

    private final RecordingListener listener = RecordingListener.echoing();
    private final EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), listener);
    private final List<HttpConn> conns = new ArrayList<>();
    private final HttpConn a = connect();
    private final HttpConn b = connect();

    @AfterEach
    void finishConnections() {
        for (HttpConn c : conns) {
            assertFalse(c.finish(), "unread output");
        }
    }

    private HttpConn connect() {
        HttpConn c = new HttpConn(server);
        conns.add(c);
        return c;
    }

    private String handshake() {
        return Eio.sidOf(a.get(Eio.handshake(4)).text());
    }

    @Test
    void postAnswersOkAndTheNextGetCarriesEveryEchoInOnePayload() {
        String sid = handshake();
        HttpReply ok = a.post(Eio.poll(sid), "4test1" + RS + "4test2" + RS + "4test3");
        assertEquals(200, ok.status());
        assertEquals("ok", ok.text());
        assertEquals("text/plain; charset=UTF-8", ok.header("content-type"));

        HttpReply r = a.get(Eio.poll(sid));
        assertEquals(200, r.status());
        assertEquals("text/plain; charset=UTF-8", r.header("content-type"));
        assertEquals("4test1" + RS + "4test2" + RS + "4test3", r.text());
    }

    @Test
    void echoesMixedTextAndBinaryInTheSameForm() {
        String sid = handshake();
        assertEquals("ok", a.post(Eio.poll(sid), "4hello" + RS + "bAQIDBA==").text());
        assertEquals("4hello" + RS + "bAQIDBA==", a.get(Eio.poll(sid)).text());
        List<EngineIoMessage> got = listener.messages();
        assertEquals("hello", got.get(0).text());
        assertTrue(got.get(1).isBinary());
    }

    @Test
    void deliversUtf8TextUnchanged() {
        String sid = handshake();
        a.post(Eio.poll(sid), "4héllo €😀");
        HttpReply r = a.get(Eio.poll(sid));
        assertEquals("4héllo €😀", r.text());
        assertEquals("héllo €😀", listener.messages().get(0).text());
    }

    @Test
    void holdsAGetUntilTheApplicationSends() {
        String sid = handshake();
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();

        listener.session().send("late");
        listener.session().send(new byte[] {1, 2, 3, 4});
        HttpReply r = a.reply();
        assertEquals("4late" + RS + "bAQIDBA==", r.text());
        assertEquals("no-store", r.header("cache-control"));
        assertEquals("nosniff", r.header("x-content-type-options"));
    }

    @Test
    void sendsAListOfMessagesBackToBack() {
        String sid = handshake();
        listener.session().send(List.of(EngineIoMessage.text("a"), EngineIoMessage.text("b")));
        listener.session().send("c");
        assertEquals("4a" + RS + "4b" + RS + "4c", a.get(Eio.poll(sid)).text());
    }

    @Test
    void trySendDropsMessagesWhenNoGetIsWaiting() {
        String sid = handshake();
        EngineIoSession s = listener.session();
        s.trySend(List.of(EngineIoMessage.text("dropped")));
        s.send("kept");
        assertEquals("4kept", a.get(Eio.poll(sid)).text());
    }

    @Test
    void trySendDeliversWhenAGetIsWaiting() {
        String sid = handshake();
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();
        listener.session().trySend(List.of(EngineIoMessage.text("x"), EngineIoMessage.text("y")));
        assertEquals("4x" + RS + "4y", a.reply().text());
    }

    @Test
    void overlappingGetIsRefusedAndTheHeldOneGetsTheClosePacket() {
        String sid = handshake();
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();

        HttpReply second = b.get(Eio.poll(sid));
        assertEquals(400, second.status());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}", second.text());

        HttpReply first = a.reply();
        assertEquals(200, first.status());
        assertEquals("1", first.text());
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());

        HttpReply later = b.get(Eio.poll(sid));
        assertEquals(400, later.status());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", later.text());
        assertEquals(0, server.sessionCount());
    }

    @Test
    void droppingTheConnectionOfAHeldGetClosesTheSession() {
        String sid = handshake();
        b.request("GET", Eio.poll(sid), null);
        b.assertNoReply();

        b.close();
        a.runTasks(); // the abort is handed to the session's loop
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(sid)).status());
    }

    @Test
    void clientClosePostReleasesTheHeldGetWithANoop() {
        String sid = handshake();
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();

        assertEquals("ok", b.post(Eio.poll(sid), "1").text());
        HttpReply held = a.reply();
        assertEquals(200, held.status());
        assertEquals("6", held.text());
        assertSame(CloseReason.TRANSPORT_CLOSE, listener.closeReason());
        assertFalse(listener.session().isOpen());
        assertEquals(400, b.get(Eio.poll(sid)).status());
    }

    @Test
    void packetsAfterTheClosePacketInOnePayloadAreIgnored() {
        String sid = handshake();
        assertEquals("ok", a.post(Eio.poll(sid), "4before" + RS + "1" + RS + "4after").text());
        assertEquals(List.of("before"), listener.messages().stream().map(EngineIoMessage::text).toList());
        assertSame(CloseReason.TRANSPORT_CLOSE, listener.closeReason());
    }

    @Test
    void invalidPacketInAPostClosesTheSession() {
        String sid = handshake();
        HttpReply r = a.post(Eio.poll(sid), "abc");
        assertEquals(400, r.status());
        assertSame(CloseReason.PARSE_ERROR, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(sid)).status());
    }

    @Test
    void invalidPacketReleasesAHeldGetWithTheClosePacket() {
        String sid = handshake();
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();
        assertEquals(400, b.post(Eio.poll(sid), "4ok" + RS + "bA").status());
        assertEquals("1", a.reply().text());
        // the payload is refused as a whole: not even its valid first packet is handed over
        assertTrue(listener.messages().isEmpty());
        assertSame(CloseReason.PARSE_ERROR, listener.closeReason());
    }

    @Test
    void pingFromAV4ClientIsAProtocolViolation() {
        String sid = handshake();
        a.post(Eio.poll(sid), "2");
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(sid)).status());
    }

    @Test
    void ignoresNoopAndOpenPacketsFromTheClient() {
        String sid = handshake();
        assertEquals("ok", a.post(Eio.poll(sid), "6" + RS + "0" + RS + "5" + RS + "4still here").text());
        assertNull(listener.closeReason());
        assertEquals("4still here", a.get(Eio.poll(sid)).text());
    }

    @Test
    void serverCloseWithAHeldGetAndNothingQueuedAnswersTheClosePacketAtOnce() {
        String sid = handshake();
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();
        EngineIoSession s = listener.session();
        s.close();
        assertEquals("1", a.reply().text(), "nothing queued: the held poll gets the close packet");
        assertSame(CloseReason.FORCED_CLOSE, listener.closeReason());
    }

    @Test
    void serverCloseSendsWhatIsQueuedThenTheClosePacketInAPayloadOfItsOwn() {
        String sid2 = handshake();
        a.request("GET", Eio.poll(sid2), null);
        a.assertNoReply();
        EngineIoSession s2 = listener.session();
        s2.send("bye");
        a.runTasks();
        assertEquals("4bye", a.reply().text(), "the held poll took the message at once");
        s2.send("last");
        s2.close();
        a.runTasks();
        // the close packet never shares a payload with messages: socket.io-client would act on it first
        assertEquals("4last", a.get(Eio.poll(sid2)).text());
        assertEquals("1", a.get(Eio.poll(sid2)).text());
        assertSame(CloseReason.FORCED_CLOSE, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(sid2)).status());
    }

    @Test
    void serverCloseDeliversWhatAHeldGetCanTakeThenTheClosePacketApart() {
        String sid = handshake();
        EngineIoSession s = listener.session();
        s.send("one");
        s.send("two");
        a.runTasks();
        a.request("GET", Eio.poll(sid), null);
        assertEquals("4one" + RS + "4two", a.reply().text());
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();
        s.send("bye");
        s.close();
        a.runTasks();
        assertEquals("4bye", a.reply().text());
        assertEquals("1", a.get(Eio.poll(sid)).text());
        assertSame(CloseReason.FORCED_CLOSE, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(sid)).status());
    }

    @Test
    void serverCloseWithoutAHeldGetWaitsForTheNextPoll() {
        String sid = handshake();
        EngineIoSession s = listener.session();
        s.send("bye");
        s.close();
        a.runTasks();
        assertFalse(s.isOpen());
        assertNull(listener.closeReason(), "closing, not closed, until the client polls");
        s.send("too late"); // refused once closing

        assertEquals("4bye", a.get(Eio.poll(sid)).text());
        assertNull(listener.closeReason(), "the close packet goes in a payload of its own");
        assertEquals("1", a.get(Eio.poll(sid)).text());
        assertSame(CloseReason.FORCED_CLOSE, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(sid)).status());
    }

    @Test
    void serverCloseGivesUpWaitingForAPollAfterTheHeartbeatPeriod() {
        String sid = handshake();
        listener.session().close();
        a.runTasks();
        a.advance(Duration.ofSeconds(44));
        assertNull(listener.closeReason());
        a.advance(Duration.ofSeconds(1)); // pingInterval + pingTimeout = 45 s
        assertSame(CloseReason.FORCED_CLOSE, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(sid)).status());
    }

    @Test
    void refusesAPollingRequestWithAnotherMethod() {
        String sid = handshake();
        a.request("PUT", Eio.poll(sid), "4x".getBytes());
        HttpReply r = a.reply();
        assertEquals(400, r.status());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}", r.text());
        assertNull(listener.closeReason());
    }

    @Test
    void refusesAWebSocketTransportRequestWithoutUpgradeForAPollingSession() {
        String sid = handshake();
        HttpReply r = a.get(Eio.websocket(sid));
        assertEquals(400, r.status());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}", r.text());
        assertNull(listener.closeReason());
    }

    @Test
    void serverShutdownClosesSessionsAndReleasesTheirHeldGets() {
        String sid = handshake();
        a.request("GET", Eio.poll(sid), null);
        a.assertNoReply();
        java.util.concurrent.CompletableFuture<Void> closing = server.close();
        a.runTasks(); // the session's shutdown runs on its (embedded) event loop
        closing.join();
        assertEquals("1", a.reply().text());
        assertSame(CloseReason.SERVER_SHUTDOWN, listener.closeReason());
        assertEquals(0, server.sessionCount());
    }
}
