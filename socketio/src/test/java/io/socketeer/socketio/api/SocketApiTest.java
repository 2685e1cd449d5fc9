package io.socketeer.socketio.api;

import io.socketeer.socketio.AckTimeoutException;
import io.socketeer.socketio.DisconnectReason;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.socketio.hostile.RawClient;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a new user of the API reaches for, seen on the wire by a raw WebSocket client: a socket found by id and
 * a private message through its own room, the two ways to end a connection, a catch-all that passes the event
 * on, arguments captured when emit is called, an acknowledgement answered once, and acknowledgements that time
 * out with what did arrive.
 */
class SocketApiTest {

    private final Map<String, Socket> byId = new ConcurrentHashMap<>();
    private final List<String> reasons = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private SocketIoServer io;
    private int port;

    @BeforeEach
    void start() {
        io = SocketIoServer.create();
        io.onConnection(s -> {
            byId.put(s.id(), s);
            s.onDisconnect(reason -> reasons.add(reason.reason()));
            s.on("dm", args -> io.to(args.getString(0)).emit("dm", s.id(), args.get(1)));
            s.on("kick", args -> s.conn().close());
            s.on("bye", args -> s.disconnect(true));
            s.onAny((event, args) -> {
                if (event.startsWith("any:")) {
                    s.emit("seen", args.prepend(event));
                }
            });
            s.on("snapshot", args -> {
                List<String> list = new ArrayList<>(List.of("a"));
                byte[] bytes = {1, 2};
                s.emit("snap", list, bytes);
                list.add("b");
                bytes[0] = 9;
            });
            s.on("twice", (args, ack) -> {
                ack.send("first");
                ack.send("second");
                s.emit("after");
            });
            s.on("ask", args -> s.timeout(Duration.ofMillis(200)).emitWithAck("question")
                    .whenComplete((v, e) -> outcome.complete(e != null ? e : v)));
            s.on("poll", args -> io.timeout(Duration.ofMillis(500)).emitWithAck("vote")
                    .whenComplete((v, e) -> outcome.complete(e != null ? e : v)));
        });
        port = io.start(new InetSocketAddress("127.0.0.1", 0)).join().getPort();
    }

    @AfterEach
    void stop() {
        io.close().join();
    }

    private static String sidOf(String connectReply) {
        return connectReply.substring(10, connectReply.indexOf('"', 10));
    }

    private Throwable failure() throws Exception {
        Object o = outcome.get(10, TimeUnit.SECONDS);
        assertInstanceOf(Throwable.class, o, "the future failed");
        return (Throwable) o;
    }

    @Test
    void findsASocketByIdAndSendsToItThroughTheRoomNamedByItsId() throws Exception {
        try (RawClient a = new RawClient(port); RawClient b = new RawClient(port)) {
            a.sendText("40");
            String idA = sidOf(a.readText());
            b.sendText("40");
            String idB = sidOf(b.readText());
            Await.until("both sockets to be known", () -> byId.size() == 2);
            assertTrue(io.socket(idB).isPresent());
            assertEquals(idB, io.sockets().socket(idB).orElseThrow().id());
            assertFalse(io.socket("no-such-id").isPresent());

            a.sendText("42[\"dm\",\"" + idB + "\",\"psst\"]");
            assertEquals("42[\"dm\",\"" + idA + "\",\"psst\"]", b.readText());
            a.sendText("42[\"any:ping\"]");
            assertEquals("42[\"seen\",\"any:ping\"]", a.readText(), "a got nothing of the private message");
        }
    }

    @Test
    void closingTheConnectionDropsItWithoutADisconnectPacketSoTheClientReconnects() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"kick\"]");
            List<String> texts = c.textsUntilClose();
            assertFalse(texts.stream().anyMatch(t -> t.startsWith("41")), "no DISCONNECT packet: " + texts);
            Await.until("the socket to leave", () -> !reasons.isEmpty());
            assertEquals(List.of(DisconnectReason.FORCED_CLOSE.reason()), reasons);
        }
    }

    @Test
    void disconnectWithCloseSendsADisconnectPacketBeforeClosingSoTheClientStaysAway() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"bye\"]");
            assertEquals(List.of("41"), c.textsUntilClose());
            Await.until("the socket to leave", () -> !reasons.isEmpty());
            assertEquals(List.of(DisconnectReason.SERVER_NAMESPACE_DISCONNECT.reason()), reasons);
        }
    }

    @Test
    void aCatchAllAnswersWithTheEventNameFollowedByItsArguments() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"any:thing\",1,\"two\",{\"three\":[3]},null]");
            assertEquals("42[\"seen\",\"any:thing\",1,\"two\",{\"three\":[3]},null]", c.readText());
        }
    }

    @Test
    void emitTakesItsArgumentsAsTheyAreWhenItIsCalled() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"snapshot\"]");
            assertEquals("451-[\"snap\",[\"a\"],{\"_placeholder\":true,\"num\":0}]", c.readText());
            RawClient.Frame bin = c.read();
            assertEquals(0x2, bin.opcode());
            assertArrayEquals(new byte[] {1, 2}, bin.payload(), "the array was changed after emit returned");
        }
    }

    @Test
    void anAcknowledgementIsSentOnceHoweverOftenTheListenerCallsIt() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("425[\"twice\"]");
            assertEquals("435[\"first\"]", c.readText());
            // the socket's packets keep their order: a second ACK would have come before this event
            assertEquals("42[\"after\"]", c.readText());
        }
    }

    @Test
    void aTimedOutAcknowledgementFailsWithAnAckTimeoutException() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"ask\"]");
            assertTrue(c.readText().matches("42\\d+\\[\"question\"]"));
            AckTimeoutException t = assertInstanceOf(AckTimeoutException.class, failure());
            assertTrue(t.answers().isEmpty());
            assertEquals(1, t.expected());
        }
    }

    @Test
    void aTimedOutBroadcastKeepsTheAnswersThatArrived() throws Exception {
        try (RawClient answering = RawClient.joined(port); RawClient silent = RawClient.joined(port)) {
            answering.sendText("42[\"poll\"]");
            String question = answering.readText();
            assertTrue(question.matches("42\\d+\\[\"vote\"]"), question);
            assertTrue(silent.readText().matches("42\\d+\\[\"vote\"]"));
            String ackId = question.substring(2, question.indexOf('['));
            answering.sendText("43" + ackId + "[\"yes\"]");

            AckTimeoutException t = assertInstanceOf(AckTimeoutException.class, failure());
            assertEquals(2, t.expected());
            assertEquals(1, t.answers().size());
            EventArgs yes = t.answers().get(0);
            assertEquals("yes", yes.getString(0));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> io.timeout(Duration.ofMillis(50)).emitWithAck("vote").get(10, TimeUnit.SECONDS));
            assertInstanceOf(AckTimeoutException.class, e.getCause());
        }
    }
}
