package io.socketeer.socketio.limits;

import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Socket.IO limits that keep one client from taking more than its share: namespaces per connection,
 * acknowledgements a socket may owe, incoming events waiting for slow listeners.
 */
class LimitsTest {

    private SocketIoServer io;

    @AfterEach
    void stop() {
        if (io != null) {
            io.close().join();
        }
    }

    /** Starts {@link #io} and connects a raw WebSocket client to it. */
    private RawWebSocketClient connect() throws IOException {
        int port = io.start(0).join().getPort();
        RawWebSocketClient ws = new RawWebSocketClient(port, "/socket.io/?EIO=4&transport=websocket", 0);
        assertTrue(ws.readText().startsWith("0{"), "open packet");
        return ws;
    }

    @Test
    void aConnectionJoinsAtMostTheConfiguredNumberOfNamespaces() throws Exception {
        io = SocketIoServer.create(SocketIoOptions.builder().maxNamespacesPerConnection(2).build());
        io.of("/a");
        io.of("/b");
        io.of("/c");
        try (RawWebSocketClient ws = connect()) {
            ws.sendText("40/a,");
            assertTrue(ws.readText().startsWith("40/a,{\"sid\":"));
            ws.sendText("40/b,");
            assertTrue(ws.readText().startsWith("40/b,{\"sid\":"));
            ws.sendText("40/c,");
            assertEquals("44/c,{\"message\":\"Too many namespaces\"}", ws.readText());
            ws.sendText("41/a,"); // leaving one makes room again
            ws.sendText("40/c,");
            assertTrue(ws.readText().startsWith("40/c,{\"sid\":"));
        }
    }

    @Test
    void emitWithAckFailsAtOnceWhenTheSocketOwesTooMany() throws Exception {
        AtomicReference<Socket> server = new AtomicReference<>();
        io = SocketIoServer.create(SocketIoOptions.builder().maxPendingAcks(3).build());
        io.onConnection(server::set);
        try (RawWebSocketClient ws = connect()) {
            ws.sendText("40");
            ws.readText();
            Socket s = Await.value("the server socket", server::get);
            List<CompletableFuture<EventArgs>> pending = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pending.add(s.emitWithAck("never-answered"));
            }
            CompletableFuture<EventArgs> refused = s.emitWithAck("one-too-many");
            Exception e = assertThrows(Exception.class, () -> refused.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
            assertTrue(pending.stream().noneMatch(CompletableFuture::isDone), "the others still wait");
            // answering one frees a place
            assertTrue(ws.readText().startsWith("420[\"never-answered\"]"));
            ws.sendText("430[]");
            Await.until("the answer", () -> pending.get(0).isDone());
            assertTrue(!s.emitWithAck("fits-again").isDone());
        }
    }

    @Test
    void aClientFloodingSlowListenersIsDisconnected() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> reason = new AtomicReference<>();
        io = SocketIoServer.create(SocketIoOptions.builder().maxQueuedEvents(5).build());
        io.onConnection(s -> {
            s.on("slow", args -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            s.onDisconnect(r -> reason.set(r.reason()));
        });
        try (RawWebSocketClient ws = connect()) {
            ws.sendText("40");
            ws.readText();
            for (int i = 0; i < 20; i++) {
                ws.sendText("42[\"slow\"]");
            }
            Await.until("the flooding connection to close", () -> io.engine().sessionCount() == 0);
            release.countDown();
            Await.until("the socket to leave", () -> reason.get() != null);
            assertEquals("forced server close", reason.get());
        }
    }
}
