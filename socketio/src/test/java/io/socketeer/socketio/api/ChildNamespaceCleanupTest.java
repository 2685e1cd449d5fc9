package io.socketeer.socketio.api;

import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.DynamicNamespace;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.socketio.hostile.RawClient;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Children of a dynamic namespace removed once empty ({@code cleanupEmptyChildNamespaces}): when the last
 * socket leaves, when a middleware refuses the only connection, never while a connection is joining; made
 * again, with the parent's middlewares and listeners, when a client next asks; kept when the option is off.
 */
class ChildNamespaceCleanupTest {

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger orphans = new AtomicInteger();
    private SocketIoServer io;
    private DynamicNamespace workspaces;
    private int port;

    private void start(boolean cleanup) {
        start(SocketIoOptions.builder().cleanupEmptyChildNamespaces(cleanup));
    }

    private void start(SocketIoOptions.Builder options) {
        io = SocketIoServer.create(options.build());
        workspaces = io.of(Pattern.compile("^/ws-\\d+$"));
        workspaces.use((socket, next) -> {
            if (socket.namespace().name().equals("/ws-666")) {
                next.fail("no such workspace");
            } else {
                next.proceed();
            }
        });
        workspaces.onConnection(socket -> {
            connections.incrementAndGet();
            if (!io.namespaces().contains(socket.namespace())) {
                orphans.incrementAndGet(); // joined a child the server no longer lists: removed from under it
            }
            socket.on("where", (args, ack) -> ack.send(socket.namespace().name()));
            socket.on("ping", args -> socket.emit("pong"));
        });
        port = io.start(new InetSocketAddress("127.0.0.1", 0)).join().getPort();
    }

    @AfterEach
    void stop() {
        io.close().join();
    }

    private List<String> names() {
        return io.namespaces().stream().map(Namespace::name).sorted().toList();
    }

    private static void join(RawClient c, String nsp) throws Exception {
        c.sendText("40" + nsp + ",");
        String reply = c.readText();
        assertTrue(reply.startsWith("40" + nsp + ",{\"sid\":"), reply);
    }

    @Test
    void aChildGoesWhenItsLastSocketLeavesAndComesBackWithTheParentsListeners() throws Exception {
        start(true);
        try (RawClient a = new RawClient(port); RawClient b = new RawClient(port)) {
            join(a, "/ws-1");
            join(b, "/ws-1");
            Namespace first = workspaces.children().iterator().next();
            assertEquals(List.of("/", "/ws-1"), names());

            a.sendText("41/ws-1,");
            b.sendText("42/ws-1,1[\"where\"]");
            assertEquals("43/ws-1,1[\"/ws-1\"]", b.readText(), "one socket left: the child stays");
            assertEquals(List.of("/", "/ws-1"), names());
            b.sendText("41/ws-1,");
            Await.until("the empty child to go", () -> names().equals(List.of("/")));
            assertTrue(workspaces.children().isEmpty());

            join(a, "/ws-1");
            a.sendText("42/ws-1,2[\"where\"]");
            assertEquals("43/ws-1,2[\"/ws-1\"]", a.readText(), "the parent's listeners apply to the new child");
            assertNotSame(first, workspaces.children().iterator().next());
            assertEquals(3, connections.get());
        }
    }

    @Test
    void aChildMadeForARefusedConnectionDoesNotStay() throws Exception {
        start(true);
        try (RawClient c = new RawClient(port)) {
            c.sendText("40/ws-666,");
            assertEquals("44/ws-666,{\"message\":\"no such workspace\"}", c.readText());
            Await.until("the refused child to go", () -> names().equals(List.of("/")));
        }
    }

    @Test
    void withoutTheOptionChildrenStay() throws Exception {
        start(false);
        try (RawClient c = new RawClient(port)) {
            join(c, "/ws-1");
            c.sendText("41/ws-1,");
            c.sendText("40/ws-666,");
            assertEquals("44/ws-666,{\"message\":\"no such workspace\"}", c.readText());
            assertEquals(List.of("/", "/ws-1", "/ws-666"), names());
        }
    }

    @Test
    void noSocketJoinsAChildThatIsRemovedWhileItJoins() throws Exception {
        start(true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> churn = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                churn.add(pool.submit(() -> {
                    try (RawClient c = new RawClient(port)) {
                        for (int round = 0; round < 100; round++) {
                            join(c, "/ws-7");
                            c.sendText("41/ws-7,");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : churn) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // Joins and leaves of one child interleaved on eight connections: every socket joined a child the
        // server listed (a child removed between a client's CONNECT and its joining would leave it orphaned).
        assertEquals(0, orphans.get(), "sockets that joined a removed child");
        assertEquals(800, connections.get());
        Await.until("the last socket to leave and the child to go", () -> names().equals(List.of("/")));
        try (RawClient c = new RawClient(port)) {
            join(c, "/ws-7");
            workspaces.emit("hello");
            assertEquals("42/ws-7,[\"hello\"]", c.readText());
        }
    }

    @Test
    void aRemovedChildIsNotKeptReachable() throws Exception {
        start(true);
        WeakReference<Namespace> removed;
        try (RawClient c = new RawClient(port)) {
            join(c, "/ws-3");
            removed = new WeakReference<>(workspaces.children().iterator().next());
            c.sendText("41/ws-3,");
            Await.until("the empty child to go", () -> names().equals(List.of("/")));
        }
        Await.until("the removed child to be collected", () -> {
            System.gc();
            return removed.get() == null;
        });
    }

    @Test
    void withRecoveryAnEmptiedChildIsKeptThroughTheWindowSoItsClientsCanComeBack() throws Exception {
        start(SocketIoOptions.builder().cleanupEmptyChildNamespaces(true)
                .connectionStateRecovery(new ConnectionStateRecovery(Duration.ofSeconds(2), true)));
        String sid;
        String pid;
        String offset;
        try (RawClient c = new RawClient(port)) {
            c.sendText("40/ws-5,");
            String reply = c.readText();
            assertTrue(reply.startsWith("40/ws-5,{\"sid\":"), reply);
            sid = reply.substring(reply.indexOf("\"sid\":\"") + 7, reply.indexOf('"', reply.indexOf("\"sid\":\"") + 7));
            pid = reply.substring(reply.indexOf("\"pid\":\"") + 7, reply.indexOf('"', reply.indexOf("\"pid\":\"") + 7));
            c.sendText("42/ws-5,[\"ping\"]");
            String pong = c.readText();
            assertTrue(pong.startsWith("42/ws-5,[\"pong\",\""), pong);
            offset = pong.substring(pong.indexOf(",\"") + 2, pong.length() - 2);
        } // dropped without a DISCONNECT: a transport close, which recovery covers
        Await.until("the dropped socket to leave", () -> workspaces.children().stream()
                .allMatch(n -> n.sockets().isEmpty()));
        assertEquals(List.of("/", "/ws-5"), names(), "kept while the client may come back");

        try (RawClient back = new RawClient(port)) {
            back.sendText("40/ws-5,{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
            assertEquals("40/ws-5,{\"sid\":\"" + sid + "\",\"pid\":\"" + pid + "\"}", back.readText(),
                    "the same socket id: recovered");
            back.sendText("41/ws-5,");
            Await.until("the child to go once the window is over", () -> names().equals(List.of("/")));
        }
    }
}
