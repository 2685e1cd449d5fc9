package io.socketeer.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.Socket;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two of our servers with the sharded adapter and a Node socket.io 4.8 server with {@code createShardedAdapter}
 * of {@code @socket.io/redis-adapter} 8.3 ({@code npm/cluster/redis-node.js ... sharded}) in one cluster on
 * Redis 7 sharded pub/sub: broadcasts reach each member once in every subscription mode, and acknowledgements,
 * {@code fetchSockets}, server-side events and {@code socketsJoin}/{@code disconnectSockets} work both ways.
 * Skipped when {@code -Dtest.npm.skip=true}.
 */
@DisabledIfSystemProperty(named = "test.npm.skip", matches = "true")
class ShardedNodeInteropTest {

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

    private void start(RedisShardedAdapterOptions.SubscriptionMode mode) {
        cluster = new Cluster(redis.uri(), (client, key) -> RedisShardedAdapterFactory.create(client,
                RedisShardedAdapterOptions.builder().channelPrefix(key).subscriptionMode(mode)
                        .requestsTimeout(Duration.ofSeconds(3)).build()));
        a = cluster.server(io -> io.onConnection(s -> s.on("join", args -> s.join(args.getString(0)))));
        b = cluster.server(io -> io.onConnection(s -> s.on("join", args -> s.join(args.getString(0)))));
        b.onServerSideEmit("ping", (args, ack) -> ack.send("java-b:" + args.getString(0)));
        a.onServerSideEmit("ping", (args, ack) -> ack.send("java-a:" + args.getString(0)));
        node = NodeProcess.start("cluster/redis-node.js", redis.uri(), cluster.key(), "sharded",
                mode.name().toLowerCase().replace('_', '-'));
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
        if (cluster != null) {
            cluster.close();
        }
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
        Socket s = cluster.client(port, "/", c -> {
            c.on("news", args -> received.add(name + ":" + args[0]
                    + (args.length > 1 && args[1] instanceof byte[] bin ? Arrays.toString(bin) : "")));
            c.on("poll", args -> ((io.socket.client.Ack) args[args.length - 1]).call(name));
        });
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

    @ParameterizedTest
    @EnumSource(RedisShardedAdapterOptions.SubscriptionMode.class)
    void roomBroadcastsReachEveryMemberOnceInEachSubscriptionMode(RedisShardedAdapterOptions.SubscriptionMode mode)
            throws Exception {
        start(mode);
        client(a.address().getPort(), "a1", "r");
        client(b.address().getPort(), "b1", "r");
        client(nodePort, "n1", "r");
        Socket n2 = client(nodePort, "n2", null);
        a.to("r").emit("news", "from-java", new byte[] {9});
        awaitExactly(Set.of("a1:from-java[9]", "b1:from-java[9]", "n1:from-java[9]"));
        nodeDo("broadcast", Map.of("room", "r", "tag", "from-node", "binary", true));
        awaitExactly(Set.of("a1:from-node[1, 2, 3]", "b1:from-node[1, 2, 3]", "n1:from-node[1, 2, 3]"));
        b.to(n2.id()).emit("news", "to-one");
        awaitExactly(Set.of("n2:to-one"));
        b.emit("news", "all");
        awaitExactly(Set.of("a1:all", "b1:all", "n1:all", "n2:all"));
    }

    @Test
    void acknowledgementsFetchSocketsAndServerSideEventsCrossBothWays() throws Exception {
        start(RedisShardedAdapterOptions.SubscriptionMode.DYNAMIC);
        Socket a1 = client(a.address().getPort(), "a1", "r");
        Socket b1 = client(b.address().getPort(), "b1", "r");
        Socket n1 = client(nodePort, "n1", "r");
        List<EventArgs> answers = a.timeout(Duration.ofSeconds(5)).emitWithAck("poll").get(10, TimeUnit.SECONDS);
        assertEquals(List.of("a1", "b1", "n1"), answers.stream().map(x -> x.getString(0)).sorted().toList());
        List<String> fromNode = new ArrayList<>();
        nodeDo("poll", Map.of()).forEach(x -> fromNode.add(x.asText()));
        assertEquals(List.of("a1", "b1", "n1"), fromNode.stream().sorted().toList());

        List<RemoteSocket> found = a.in("r").fetchSockets().get(10, TimeUnit.SECONDS);
        assertEquals(Set.of(a1.id(), b1.id(), n1.id()), Set.copyOf(found.stream().map(RemoteSocket::id).toList()));
        Set<String> ids = new java.util.HashSet<>();
        nodeDo("fetch", Map.of("room", "r")).forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(Set.of(a1.id(), b1.id(), n1.id()), ids);

        List<String> pings = new ArrayList<>();
        a.serverSideEmitWithAck("ping", "x").get(10, TimeUnit.SECONDS).forEach(e -> pings.add(e.getString(0)));
        assertEquals(List.of("java-b:x", "node:x"), pings.stream().sorted().toList());
        List<String> fromNodePings = new ArrayList<>();
        nodeDo("ask", Map.of("arg", "y")).forEach(x -> fromNodePings.add(x.asText()));
        assertEquals(List.of("java-a:y", "java-b:y"), fromNodePings.stream().sorted().toList());
        a.serverSideEmit("hello", "plain");
        node.awaitLine("the plain server-side event", Duration.ofSeconds(10), l -> l.equals("hello \"plain\""));
    }

    @Test
    void socketsJoinAndDisconnectSocketsCrossBothWays() throws Exception {
        start(RedisShardedAdapterOptions.SubscriptionMode.DYNAMIC);
        Socket a1 = client(a.address().getPort(), "a1", "r");
        Socket n1 = client(nodePort, "n1", "r");
        Socket n2 = client(nodePort, "n2", null);
        a.in("r").socketsJoin("vip");
        Await.until("vip on all servers", () -> a.in("vip").fetchSockets().join().size() == 2);
        b.to("vip").emit("news", "vip-only");
        awaitExactly(Set.of("a1:vip-only", "n1:vip-only"));
        nodeDo("disconnect", Map.of("room", "vip"));
        Await.until("a1 and n1 disconnected by the Node server", () -> !a1.connected() && !n1.connected());
        Socket b1 = client(b.address().getPort(), "b1", "s");
        Socket n3 = client(nodePort, "n3", "s");
        a.in("s").disconnectSockets(false);
        Await.until("b1 and n3 disconnected by a Java server", () -> !b1.connected() && !n3.connected());
        assertTrue(n2.connected());
    }
}
