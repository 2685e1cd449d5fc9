package io.socketeer.socketio.hostile;

import io.socketeer.socketio.DisconnectReason;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket.IO packets real servers get wrong, from a raw client against a server on a real port: JSON nested
 * thousands of levels deep (the Node reference crashes on an echoed array ~4,500 deep; here the connection
 * is closed as a parse error and the server serves the next client), a flood of CONNECTs on one
 * connection (the first answered, as the reference does, then the connection closed), and binary frames with no placeholder waiting for them.
 */
class HostilePacketsTest {

    private static final int DEPTH = 5000;

    private final List<String> disconnects = new CopyOnWriteArrayList<>();
    private final AtomicReference<Socket> lastSocket = new AtomicReference<>();
    private SocketIoServer io;
    private int port;

    @BeforeEach
    void start() {
        io = SocketIoServer.create();
        io.onConnection(s -> {
            lastSocket.set(s);
            s.on("echo", (args, ack) -> ack.send(args.toArray()));
            s.onDisconnect(reason -> disconnects.add(reason.reason()));
        });
        port = io.start(new InetSocketAddress("127.0.0.1", 0)).join().getPort();
    }

    @AfterEach
    void stop() {
        io.close().join();
    }

    /** The server still answers a well-behaved client, and left nothing of the hostile one. */
    private void assertServesAnotherClient() throws Exception {
        Await.until("the hostile connection to be gone", () -> io.engine().sessionCount() == 0
                && io.sockets().sockets().isEmpty());
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("421[\"echo\",\"still alive\"]");
            assertEquals("431[\"still alive\"]", c.readText());
        }
    }

    private void assertClosedAsParseError(RawClient c) throws Exception {
        assertEquals(1000, c.awaitClose(), "closed with a close frame");
        Await.until("the socket to leave", () -> !disconnects.isEmpty());
        assertEquals(List.of(DisconnectReason.PARSE_ERROR.reason()), disconnects);
    }

    @Test
    void anEventWithArraysNestedFiveThousandDeepClosesTheConnectionAsAParseError() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"echo\"," + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "]");
            assertClosedAsParseError(c);
        }
        assertServesAnotherClient();
    }

    @Test
    void anEventWithObjectsNestedFiveThousandDeepClosesTheConnectionAsAParseError() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("421[\"echo\"," + "{\"a\":".repeat(DEPTH) + "1" + "}".repeat(DEPTH) + "]");
            assertClosedAsParseError(c);
        }
        assertServesAnotherClient();
    }

    @Test
    void anAckWithJsonNestedFiveThousandDeepClosesTheConnectionAsAParseError() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            Socket s = Await.value("the server socket", lastSocket::get);
            CompletableFuture<EventArgs> answer = s.emitWithAck("question");
            assertEquals("420[\"question\"]", c.readText());
            c.sendText("430[" + "[".repeat(DEPTH) + "]".repeat(DEPTH) + "]");
            assertClosedAsParseError(c);
            Await.until("the pending acknowledgement to end", answer::isDone);
            assertTrue(answer.isCompletedExceptionally(), "never answered with the hostile payload");
        }
        assertServesAnotherClient();
    }

    @Test
    void aFloodOfConnectsToInvalidNamespacesIsAnsweredOneByOneThenASecondConnectToTheSameNamespaceCloses()
            throws Exception {
        try (RawClient c = new RawClient(port)) {
            for (int i = 0; i < 500; i++) {
                c.sendText("40/nope-" + i + ",");
            }
            for (int i = 0; i < 500; i++) {
                assertEquals("44/nope-" + i + ",{\"message\":\"Invalid namespace\"}", c.readText());
            }
            assertEquals(1, io.engine().sessionCount(), "refused namespaces do not close the connection");
            c.sendText("40");
            assertTrue(c.readText().startsWith("40{\"sid\":"));
            c.sendText("40");
            assertEquals(1000, c.awaitClose());
            Await.until("the socket to leave", () -> !disconnects.isEmpty());
            assertEquals(List.of(DisconnectReason.FORCED_SERVER_CLOSE.reason()), disconnects);
        }
        assertServesAnotherClient();
    }

    @Test
    void aThousandConnectsInARowAreAnsweredOnceThenTheConnectionCloses() throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.sendTextsAtOnce(java.util.Collections.nCopies(1000, "40"));
            List<String> answers = c.textsUntilClose();
            assertEquals(1, answers.stream().filter(a -> a.startsWith("40{\"sid\":")).count(),
                    "the first CONNECT is answered, the others are not: " + answers.size() + " frames");
            assertTrue(answers.get(0).startsWith("40{\"sid\":"), answers.get(0));
            Await.until("the socket to leave", () -> !disconnects.isEmpty());
            assertEquals(List.of(DisconnectReason.FORCED_SERVER_CLOSE.reason()), disconnects);
        }
        assertServesAnotherClient();
    }

    @Test
    void aBinaryFrameWithNoPendingPlaceholderClosesTheConnectionAsAParseError() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendBinary(new byte[] {1, 2, 3});
            assertClosedAsParseError(c);
        }
        assertServesAnotherClient();
    }

    @Test
    void aBinaryFrameBeyondTheAnnouncedAttachmentsClosesTheConnectionAsAParseError() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("451-1[\"echo\",{\"_placeholder\":true,\"num\":0}]");
            c.sendBinary(new byte[] {7});
            assertEquals("461-1[{\"_placeholder\":true,\"num\":0}]", c.readText(), "the answer, then ...");
            RawClient.Frame attachment = c.read();
            assertEquals(2, attachment.opcode(), "... its attachment");
            assertEquals(List.of((byte) 7), List.of(attachment.payload()[0]));
            c.sendBinary(new byte[] {8}); // one too many
            assertClosedAsParseError(c);
        }
        assertServesAnotherClient();
    }

    @Test
    void aTextPacketWhileAttachmentsAreAwaitedClosesTheConnectionAsAParseError() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("452-[\"echo\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            c.sendBinary(new byte[] {7});
            c.sendText("42[\"echo\"]");
            assertClosedAsParseError(c);
        }
        assertServesAnotherClient();
    }
}
