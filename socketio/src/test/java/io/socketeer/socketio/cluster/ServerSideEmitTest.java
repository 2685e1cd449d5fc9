package io.socketeer.socketio.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.socketio.adapter.AdapterNamespace;
import io.socketeer.socketio.adapter.InMemoryAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serverSideEmit} and its listeners: nothing happens on a single server, and between servers joined
 * by a loopback adapter (a stand-in for a cluster adapter) events and answers travel both ways.
 */
class ServerSideEmitTest {

    /** Every namespace adapter created through {@link #factory}, standing for "the other servers". */
    private final List<LoopbackAdapter> cluster = new CopyOnWriteArrayList<>();
    private final List<SocketIoServer> servers = new ArrayList<>();

    /** Hands server-side events to the same namespace on every other server, and gathers their answers. */
    private final class LoopbackAdapter extends InMemoryAdapter {
        LoopbackAdapter(AdapterNamespace namespace) {
            super(namespace);
            cluster.add(this);
        }

        @Override
        public CompletableFuture<List<ArrayNode>> serverSideEmit(ArrayNode args, boolean expectAnswers) {
            List<CompletableFuture<ArrayNode>> answers = new ArrayList<>();
            for (LoopbackAdapter other : cluster) {
                if (other == this || !other.namespace.name().equals(namespace.name())) {
                    continue;
                }
                CompletableFuture<ArrayNode> answer = new CompletableFuture<>();
                answers.add(answer);
                other.namespace.receiveServerSideEmit(args.deepCopy(), expectAnswers ? answer::complete : null);
            }
            if (!expectAnswers) {
                return CompletableFuture.completedFuture(List.of());
            }
            return CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0]))
                    .thenApply(v -> answers.stream().map(CompletableFuture::join).toList());
        }
    }

    private SocketIoServer server(boolean clustered) {
        SocketIoOptions.Builder b = SocketIoOptions.builder();
        if (clustered) {
            b.adapter(LoopbackAdapter::new);
        }
        SocketIoServer io = SocketIoServer.create(b.build());
        servers.add(io);
        return io;
    }

    @AfterEach
    void close() {
        for (SocketIoServer io : servers) {
            io.close().join();
        }
    }

    @Test
    void serverSideEmitOnASingleServerReachesNoListenerAndAnswersWithAnEmptyList() throws Exception {
        SocketIoServer io = server(false);
        List<String> got = new CopyOnWriteArrayList<>();
        io.onServerSideEmit("hello", (args, ack) -> got.add(args.getString(0)));
        io.serverSideEmit("hello", "world");
        assertEquals(List.of(), io.serverSideEmitWithAck("hello", "world").get(5, TimeUnit.SECONDS));
        assertTrue(got.isEmpty(), "the sender's own listeners are not called");
    }

    @Test
    void serverSideEmitReachesTheListenersOfTheOtherServersOnly() throws Exception {
        SocketIoServer a = server(true);
        SocketIoServer b = server(true);
        SocketIoServer c = server(true);
        CompletableFuture<String> onB = new CompletableFuture<>();
        CompletableFuture<Integer> onC = new CompletableFuture<>();
        List<String> onA = new CopyOnWriteArrayList<>();
        a.onServerSideEmit("hello", (args, ack) -> onA.add(args.getString(0)));
        b.onServerSideEmit("hello", (args, ack) -> {
            assertFalse(ack.requested());
            onB.complete(args.getString(0));
        });
        c.onServerSideEmit("hello", (args, ack) -> onC.complete(args.getInt(1)));
        a.serverSideEmit("hello", "world", 42);
        assertEquals("world", onB.get(5, TimeUnit.SECONDS));
        assertEquals(42, onC.get(5, TimeUnit.SECONDS));
        assertTrue(onA.isEmpty());
    }

    @Test
    void serverSideEmitWithAckCollectsOneAnswerFromEachOtherServer() throws Exception {
        SocketIoServer a = server(true);
        SocketIoServer b = server(true);
        SocketIoServer c = server(true);
        b.onServerSideEmit("count", (args, ack) -> {
            assertTrue(ack.requested());
            ack.send(args.getInt(0) + 1);
            ack.send(-1); // only the first answer counts
        });
        c.onServerSideEmit("count", (args, ack) -> ack.send(args.getInt(0) + 2));
        List<EventArgs> answers = a.serverSideEmitWithAck("count", 10).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(11, 12), answers.stream().map(x -> x.getInt(0)).sorted().toList());
    }

    @Test
    void serverSideEventsStayInTheirNamespace() throws Exception {
        SocketIoServer a = server(true);
        SocketIoServer b = server(true);
        CompletableFuture<String> onChat = new CompletableFuture<>();
        List<String> onMain = new CopyOnWriteArrayList<>();
        b.of("/chat").onServerSideEmit("hello", (args, ack) -> onChat.complete(args.getString(0)));
        b.onServerSideEmit("hello", (args, ack) -> onMain.add(args.getString(0)));
        a.of("/chat").serverSideEmit("hello", "chat");
        assertEquals("chat", onChat.get(5, TimeUnit.SECONDS));
        assertTrue(onMain.isEmpty());
    }

    @Test
    void reservedEventNamesAreRefused() {
        SocketIoServer io = server(false);
        assertThrows(IllegalArgumentException.class, () -> io.serverSideEmit("connection"));
        assertThrows(IllegalArgumentException.class, () -> io.of("/x").serverSideEmitWithAck("connect"));
    }
}
