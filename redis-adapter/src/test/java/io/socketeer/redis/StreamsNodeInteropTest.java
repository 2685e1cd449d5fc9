package io.socketeer.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.Socket;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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
class StreamsNodeInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RedisServer redis;
    private Cluster cluster;
    private SocketIoServer a;
    private SocketIoServer b;
    private NodeProcess node;
    private int nodePort;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    static RedisStreamsAdapterOptions options(String key) {
        return RedisStreamsAdapterOptions.builder().streamName(key).channelPrefix(key)
                .sessionKeyPrefix(key + ":session:").requestsTimeout(Duration.ofSeconds(3)).build();
    }

    @BeforeEach
    void startServers() {
        cluster = new Cluster(redis.uri(), (client, key) -> RedisStreamsAdapterFactory.create(client, options(key)));
        a = cluster.server(o -> o.connectionStateRecovery(ConnectionStateRecovery.defaults()),
                io -> io.onConnection(s -> s.on("join", args -> s.join(args.getString(0)))));
        b = cluster.server(o -> o.connectionStateRecovery(ConnectionStateRecovery.defaults()),
                io -> io.onConnection(s -> s.on("join", args -> s.join(args.getString(0)))));
        a.onServerSideEmit("ping", (args, ack) -> ack.send("java-a:" + args.getString(0)));
        b.onServerSideEmit("ping", (args, ack) -> ack.send("java-b:" + args.getString(0)));
        node = NodeProcess.start("cluster/streams-node.js", redis.uri(), cluster.key());
        nodePort = Integer.parseInt(node.awaitLine("the Node server's port", Duration.ofSeconds(30),
                l -> l.startsWith("port ")).substring(5));
        Await.until("three servers subscribed", () -> {
            a.fetchSockets().join();
            return a.sockets().adapter().serverCount() == 3;
        });
    }

    @AfterEach
    void stopServers() {
        if (node != null) {
            node.close();
        }
        cluster.close();
    }

    private JsonNode nodeDo(String op, Map<String, Object> args) throws Exception {
        int before = (int) node.lines().stream().filter(l -> l.startsWith(op + " ")).count();
        Map<String, Object> cmd = new java.util.HashMap<>(args);
        cmd.put("op", op);
        node.send(JSON.writeValueAsString(cmd));
        Await.until("the Node server's answer to " + op, Duration.ofSeconds(10),
                () -> node.lines().stream().filter(l -> l.startsWith(op + " ")).count() > before);
        String rest = node.lines().stream().filter(l -> l.startsWith(op + " ")).skip(before).findFirst()
                .orElseThrow().substring(op.length() + 1);
        if (rest.startsWith("error ")) {
            throw new AssertionError("Node " + op + " failed: " + rest);
        }
        return JSON.readTree(rest);
    }

    private Socket client(int port, String name, String room) {
        Socket s = cluster.client(port, "/", c -> c.on("news", args -> received.add(name + ":" + args[0])));
        if (room != null) {
            s.emit("join", room);
            Await.until(name + " in " + room, () -> a.in(room).fetchSockets().join().stream()
                    .anyMatch(r -> r.id().equals(s.id())));
        }
        return s;
    }

    private void awaitExactly(Set<String> expected) {
        Await.until("deliveries " + expected, () -> received.containsAll(expected));
        Await.until("no more", Duration.ofMillis(300), () -> true);
        assertEquals(expected.size(), received.size(), "each exactly once: " + received);
        received.clear();
    }

    @Test
    void broadcastsRequestsAndDisconnectsCrossBetweenJavaAndNode() throws Exception {
        Socket a1 = client(a.address().getPort(), "a1", "r");
        Socket b1 = client(b.address().getPort(), "b1", "r");
        Socket n1 = client(nodePort, "n1", "r");
        Socket n2 = client(nodePort, "n2", null);
        a.to("r").emit("news", "from-java", new byte[] {5});
        awaitExactly(Set.of("a1:from-java", "b1:from-java", "n1:from-java"));
        nodeDo("broadcast", Map.of("room", "r", "tag", "from-node", "binary", true));
        awaitExactly(Set.of("a1:from-node", "b1:from-node", "n1:from-node"));
        b.emit("news", "all");
        awaitExactly(Set.of("a1:all", "b1:all", "n1:all", "n2:all"));

        List<RemoteSocket> found = a.in("r").fetchSockets().get(10, TimeUnit.SECONDS);
        assertEquals(Set.of(a1.id(), b1.id(), n1.id()), Set.copyOf(found.stream().map(RemoteSocket::id).toList()));
        Set<String> ids = new java.util.HashSet<>();
        nodeDo("fetch", Map.of("room", "r")).forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(Set.of(a1.id(), b1.id(), n1.id()), ids);

        List<String> pings = new ArrayList<>();
        a.serverSideEmitWithAck("ping", "x").get(10, TimeUnit.SECONDS).forEach(e -> pings.add(e.getString(0)));
        assertEquals(List.of("java-b:x", "node:x"), pings.stream().sorted().toList());
        List<String> fromNode = new ArrayList<>();
        nodeDo("ask", Map.of("arg", "y")).forEach(x -> fromNode.add(x.asText()));
        assertEquals(List.of("java-a:y", "java-b:y"), fromNode.stream().sorted().toList());
        List<EventArgs> none = b.serverSideEmitWithAck("nobody-listens").exceptionally(e -> List.of()).join();
        assertTrue(none.size() <= 2);

        a.in("r").socketsJoin("vip");
        Await.until("vip on all servers", () -> a.in("vip").fetchSockets().join().size() == 3);
        nodeDo("disconnect", Map.of("room", "vip"));
        Await.until("a1, b1 and n1 disconnected by the Node server",
                () -> !a1.connected() && !b1.connected() && !n1.connected());
        Socket b2 = client(b.address().getPort(), "b2", "s");
        Socket n3 = client(nodePort, "n3", "s");
        a.in("s").disconnectSockets(false);
        Await.until("b2 and n3 disconnected by a Java server", () -> !b2.connected() && !n3.connected());
        assertTrue(n2.connected());
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
        inOrder(() -> {
            try {
                nodeDo("broadcast", Map.of("room", room, "tag", tag, "binary", binary));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
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
