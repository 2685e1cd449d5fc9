package io.socketeer.engineio.internal.session;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.socketeer.engineio.testing.Eio.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session as the application sees it: its loop, its attachment, the listener contract (one close,
 * callbacks in order, failures contained) and sends from inside callbacks.
 */
class EngineSessionTest {

    /** A listener whose behaviour each test supplies, recording the order of callbacks. */
    private final List<String> events = new ArrayList<>();
    private final List<EngineIoSession> sessions = new ArrayList<>();
    private HttpConn a;
    private EngineIoServer server;

    @AfterEach
    void finishConnection() {
        assertFalse(a.finish(), "unread answers");
    }

    private String start(EngineIoListener listener) {
        server = EngineIoServer.create(EngineIoOptions.defaults(), listener);
        a = new HttpConn(server);
        return Eio.sidOf(a.get(Eio.handshake(4)).text());
    }

    private abstract class Base implements EngineIoListener {
        @Override
        public void onOpen(EngineIoSession session) {
            sessions.add(session);
            events.add("open");
        }

        @Override
        public void onMessage(EngineIoSession session, EngineIoMessage message) {
            events.add("message " + message.text());
        }

        @Override
        public void onClose(EngineIoSession session, CloseReason reason, String description) {
            events.add("close " + reason.reason());
        }
    }

    @Test
    void livesOnTheEventLoopOfItsHandshakeConnection() {
        start(new Base() { });
        assertSame(a.channel().eventLoop(), sessions.get(0).executor());
    }

    @Test
    void keepsTheApplicationsAttachment() {
        start(new Base() { });
        EngineIoSession s = sessions.get(0);
        assertNull(s.attachment());
        s.attach("state");
        String back = s.attachment();
        assertEquals("state", back);
    }

    @Test
    void messagesSentFromOnOpenArriveWithTheFirstPoll() {
        String sid = start(new Base() {
            @Override
            public void onOpen(EngineIoSession session) {
                super.onOpen(session);
                session.send("welcome");
            }
        });
        assertEquals("4welcome", a.get(Eio.poll(sid)).text());
    }

    @Test
    void callsTheListenerInOrderAndClosesOnce() {
        String sid = start(new Base() { });
        a.post(Eio.poll(sid), "4a" + RS + "4b");
        a.post(Eio.poll(sid), "1");
        sessions.get(0).close(); // already closed: no second onClose
        a.runTasks();
        assertEquals(List.of("open", "message a", "message b", "close transport close"), events);
        assertFalse(sessions.get(0).isOpen());
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheSession() {
        String sid = start(new Base() {
            @Override
            public void onOpen(EngineIoSession session) {
                super.onOpen(session);
                throw new IllegalStateException("open failed");
            }

            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
                super.onMessage(session, message);
                session.send(message);
                throw new IllegalStateException("message failed");
            }
        });
        assertEquals("ok", a.post(Eio.poll(sid), "4x" + RS + "4y").text());
        assertEquals("4x" + RS + "4y", a.get(Eio.poll(sid)).text());
        assertTrue(sessions.get(0).isOpen());
        assertEquals(List.of("open", "message x", "message y"), events);
    }

    @Test
    void closingFromOnMessageAnswersThePostAndDeliversTheCloseOnTheNextPoll() {
        String sid = start(new Base() {
            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
                super.onMessage(session, message);
                session.send("bye");
                session.close();
            }
        });
        assertEquals("ok", a.post(Eio.poll(sid), "4quit" + RS + "4ignored").text());
        assertEquals("4bye", a.get(Eio.poll(sid)).text());
        assertEquals("1", a.get(Eio.poll(sid)).text(), "the close packet in a payload of its own");
        assertEquals(List.of("open", "message quit", "close forced close"), events);
        assertEquals(0, server.sessionCount());
    }

    @Test
    void sendsAfterTheCloseAreDroppedQuietly() {
        String sid = start(new Base() { });
        a.post(Eio.poll(sid), "1");
        EngineIoSession s = sessions.get(0);
        s.send("late");
        s.send(new byte[] {1});
        s.trySend(List.of(EngineIoMessage.text("late")));
        a.runTasks();
        assertEquals(400, a.get(Eio.poll(sid)).status());
    }

    @Test
    void serverListsOpenSessionsAndForgetsClosedOnes() {
        String sid = start(new Base() { });
        assertEquals(1, server.sessionCount());
        assertEquals(List.of(sessions.get(0)), server.sessions());
        assertSame(sessions.get(0), server.session(sid));
        a.post(Eio.poll(sid), "1");
        assertEquals(0, server.sessionCount());
        assertNull(server.session(sid));
        assertTrue(server.sessions().isEmpty());
    }

    @Test
    void describesItselfWithItsIdProtocolAndTransport() {
        String sid = start(new Base() { });
        String text = sessions.get(0).toString();
        assertTrue(text.contains(sid), text);
        assertTrue(text.contains("v4"), text);
        assertTrue(text.contains("POLLING"), text);
    }
}
