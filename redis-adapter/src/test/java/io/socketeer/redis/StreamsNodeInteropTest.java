package io.socketeer.redis;

import io.socket.client.Socket;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.EventArgs;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two of our servers with the Redis Streams adapter and a Node socket.io 4.8 server with
 * {@code @socket.io/redis-streams-adapter} 0.3.1 ({@code npm/cluster/streams-node.js}) in one cluster, with
 * connection state recovery on: broadcasts reach each member once, requests cross both ways, and a
 * socket.io-client 4.8 ({@code npm/cluster/recovery-client.js}) dropped by one kind of server is recovered by
 * the other with its id, rooms and missed events in order. Skipped when {@code -Dtest.npm.skip=true}.
 */
@DisabledIfSystemProperty(named = "test.npm.skip", matches = "true")
class StreamsNodeInteropTest extends ClusterTestBase {

    @BeforeEach
    void startServers() {
        Cluster c = new Cluster(redis.uri(), (client, key) -> RedisStreamsAdapterFactory.create(client,
                Cluster.streamsOptions(key)));
        startCluster(c, 2, o -> o.connectionStateRecovery(ConnectionStateRecovery.defaults()),
                "cluster/streams-node.js", redis.uri(), c.key());
    }

    @Test
    void broadcastsRequestsAndDisconnectsCrossBetweenJavaAndNode() throws Exception {
        Socket a1 = clients.connect(a.address().getPort(), "a1", "r");
        Socket b1 = clients.connect(b.address().getPort(), "b1", "r");
        Socket n1 = clients.connect(nodePort, "n1", "r");
        Socket n2 = clients.connect(nodePort, "n2", null);
        a.to("r").emit("news", "from-java", new byte[] {5});
        clients.awaitExactly(Set.of("a1:from-java[5]", "b1:from-java[5]", "n1:from-java[5]"));
        node.run("broadcast", Map.of("room", "r", "tag", "from-node", "binary", true));
        clients.awaitExactly(Set.of("a1:from-node[1, 2, 3]", "b1:from-node[1, 2, 3]", "n1:from-node[1, 2, 3]"));
        b.emit("news", "all");
        clients.awaitExactly(Set.of("a1:all", "b1:all", "n1:all", "n2:all"));

        assertFetchSocketsBothWays("r", a1, b1, n1);

        assertServerSideEmitWithAckBothWays();
        List<EventArgs> none = b.serverSideEmitWithAck("nobody-listens").exceptionally(e -> List.of()).join();
        assertTrue(none.size() <= 2);

        a.in("r").socketsJoin("vip");
        Await.until("vip on all servers", () -> a.in("vip").fetchSockets().join().size() == 3);
        node.run("disconnect", Map.of("room", "vip"));
        Await.until("a1, b1 and n1 disconnected by the Node server",
                () -> !a1.connected() && !b1.connected() && !n1.connected());
        assertDisconnectSocketsFromJavaReachesEveryServer(n2);
    }

    /** Drops a recovery client connected through a switch from one server to the other, with events meanwhile. */
    private void recoversAcross(int fromPort, int toPort, Runnable emitWhileAway, List<String> missed,
                                Runnable emitAfter, String after) {
        int[] target = {fromPort};
        try (TcpProxy proxy = new TcpProxy(() -> target[0]);
             NodeProcess c = NodeProcess.start("cluster/recovery-client.js", "http://127.0.0.1:" + proxy.port(), "r")) {
            String first = c.awaitLine("first connection", Duration.ofSeconds(20), l -> l.startsWith("connect "));
            assertTrue(first.endsWith(" false"), first);
            String id = first.split(" ")[1];
            Await.until("joined r", () -> a.in("r").fetchSockets().join().stream().anyMatch(s -> s.id().equals(id)));
            a.to("r").emit("news", "m0"); // the client needs an offset to be recovered
            Await.until("the first event", () -> news(c).size() == 1);
            target[0] = toPort;
            proxy.dropAll();
            c.awaitLine("the drop", Duration.ofSeconds(10), l -> l.startsWith("disconnect "));
            emitWhileAway.run(); // each step waits for its entry: the replay follows the stream's order
            String again = c.awaitLine("the recovered connection", Duration.ofSeconds(20),
                    l -> l.startsWith("connect ") && !l.equals(first));
            assertEquals("connect " + id + " true", again, c.transcript());
            List<String> all = new ArrayList<>(List.of("news \"m0\""));
            all.addAll(missed);
            Await.until("the missed events", () -> news(c).size() >= all.size());
            assertEquals(all, news(c), c.transcript());
            emitAfter.run();
            Await.until("the live event", () -> news(c).size() > all.size());
            Await.until("no more", Duration.ofMillis(300), () -> true);
            all.add(after);
            assertEquals(all, news(c), c.transcript());
        }
    }

    private static List<String> news(NodeProcess c) {
        return c.lines().stream().filter(l -> l.startsWith("news ")).toList();
    }

    private void nodeBroadcast(String room, String tag, boolean binary) {
        inOrder(() -> node.run("broadcast", Map.of("room", room, "tag", tag, "binary", binary)));
    }

    /** Runs an emit and waits until its entry is in the stream, so that the next one comes after it. */
    private void inOrder(Runnable emit) {
        io.lettuce.core.RedisClient raw = io.lettuce.core.RedisClient.create(redis.uri());
        try (var c = raw.connect()) {
            long before = c.sync().xlen(cluster.key());
            emit.run();
            Await.until("the entry in the stream", () -> c.sync().xlen(cluster.key()) > before);
        } finally {
            raw.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void aClientDroppedByAJavaServerIsRecoveredByTheNodeServerWithItsMissedEvents() {
        recoversAcross(a.address().getPort(), nodePort, () -> {
            inOrder(() -> a.to("r").emit("news", "m1"));
            inOrder(() -> b.to("other").emit("news", "not-for-it"));
            nodeBroadcast("r", "m2", true);
            inOrder(() -> b.emit("news", "m3"));
        }, List.of("news \"m1\"", "news \"m2\" bin:1,2,3", "news \"m3\""),
                () -> a.to("r").emit("news", "live"), "news \"live\"");
    }

    @Test
    void aClientDroppedByTheNodeServerIsRecoveredByAJavaServerWithItsMissedEvents() {
        recoversAcross(nodePort, b.address().getPort(), () -> {
            nodeBroadcast("r", "m1", false);
            inOrder(() -> a.to("r").emit("news", "m2", new byte[] {4, 5}));
            nodeBroadcast("other", "not-for-it", false);
            inOrder(() -> a.emit("news", "m3"));
        }, List.of("news \"m1\"", "news \"m2\" bin:4,5", "news \"m3\""),
                () -> nodeBroadcast("r", "live", false), "news \"live\"");
    }

    @Test
    void aClientMovedBetweenTwoJavaServersIsRecovered() {
        recoversAcross(a.address().getPort(), b.address().getPort(), () -> {
            inOrder(() -> b.to("r").emit("news", "m1"));
            inOrder(() -> a.to("r").emit("news", "m2"));
        }, List.of("news \"m1\"", "news \"m2\""), () -> b.to("r").emit("news", "live"), "news \"live\"");
    }
}
