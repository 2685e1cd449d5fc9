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
 * Two of our servers and a Node socket.io 4.8 server with {@code @socket.io/redis-adapter} 8.3
 * ({@code npm/cluster/redis-node.js}) in one cluster, each with clients: broadcasts, acknowledgements,
 * {@code fetchSockets}, server-side events and {@code disconnectSockets} work in both directions, and the
 * cluster heals after Redis restarts. Skipped when {@code -Dtest.npm.skip=true}.
 */
@DisabledIfSystemProperty(named = "test.npm.skip", matches = "true")
class RedisNodeInteropTest {

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

    @BeforeEach
    void startServers() {
        cluster = new Cluster(redis.uri(), RedisAdapterOptions.builder().requestsTimeout(Duration.ofSeconds(3)));
        a = cluster.server(io -> io.onConnection(s -> s.on("join", args -> s.join(args.getString(0)))));
        b = cluster.server(io -> io.onConnection(s -> s.on("join", args -> s.join(args.getString(0)))));
        b.onServerSideEmit("ping", (args, ack) -> ack.send("java-b:" + args.getString(0)));
        a.onServerSideEmit("ping", (args, ack) -> ack.send("java-a:" + args.getString(0)));
        node = NodeProcess.start("cluster/redis-node.js", redis.uri(), cluster.key());
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

    /** Sends a command to the Node server and returns its result (the JSON after the op name). */
    private JsonNode nodeDo(String op, Map<String, Object> args) throws Exception {
        int before = (int) node.lines().stream().filter(l -> l.startsWith(op + " ")).count();
        Map<String, Object> cmd = new java.util.HashMap<>(args);
        cmd.put("op", op);
        node.send(JSON.writeValueAsString(cmd));
        Await.until("the Node server's answer to " + op, Duration.ofSeconds(10),
                () -> node.lines().stream().filter(l -> l.startsWith(op + " ")).count() > before);
        String line = node.lines().stream().filter(l -> l.startsWith(op + " ")).skip(before).findFirst().orElseThrow();
        String rest = line.substring(op.length() + 1);
        if (rest.startsWith("error ")) {
            throw new AssertionError("Node " + op + " failed: " + rest);
        }
        return JSON.readTree(rest);
    }

    private Socket client(int port, String name, String room) {
        Socket s = cluster.client(port, "/", c -> {
            c.on("news", args -> received.add(name + ":" + args[0]));
            c.on("poll", args -> ((io.socket.client.Ack) args[args.length - 1]).call(name));
        });
        if (room != null) {
            s.emit("join", room);
            // the room is visible cluster-wide once joined on its server
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
    void broadcastsToARoomReachTheClientsOfAllThreeServersExactlyOnce() throws Exception {
        client(a.address().getPort(), "a1", "r");
        client(b.address().getPort(), "b1", "r");
        client(nodePort, "n1", "r");
        client(nodePort, "n2", null);
        a.to("r").emit("news", "from-java");
        awaitExactly(Set.of("a1:from-java", "b1:from-java", "n1:from-java"));
        nodeDo("broadcast", Map.of("room", "r", "tag", "from-node"));
        awaitExactly(Set.of("a1:from-node", "b1:from-node", "n1:from-node"));
        b.emit("news", "all");
        awaitExactly(Set.of("a1:all", "b1:all", "n1:all", "n2:all"));
    }

    @Test
    void broadcastAcknowledgementsAreCollectedFromAllThreeServersBothWays() throws Exception {
        client(a.address().getPort(), "a1", null);
        client(b.address().getPort(), "b1", null);
        client(nodePort, "n1", null);
        List<EventArgs> answers = a.timeout(Duration.ofSeconds(5)).emitWithAck("poll").get(10, TimeUnit.SECONDS);
        assertEquals(List.of("a1", "b1", "n1"), answers.stream().map(x -> x.getString(0)).sorted().toList());
        List<String> fromNode = new ArrayList<>();
        nodeDo("poll", Map.of()).forEach(x -> fromNode.add(x.asText()));
        assertEquals(List.of("a1", "b1", "n1"), fromNode.stream().sorted().toList());
    }

    @Test
    void fetchSocketsFromJavaListsNodeSocketsAndViceVersa() throws Exception {
        Socket a1 = client(a.address().getPort(), "a1", "r");
        Socket b1 = client(b.address().getPort(), "b1", "r");
        Socket n1 = client(nodePort, "n1", "r");
        List<RemoteSocket> found = a.in("r").fetchSockets().get(10, TimeUnit.SECONDS);
        assertEquals(Set.of(a1.id(), b1.id(), n1.id()), Set.copyOf(found.stream().map(RemoteSocket::id).toList()));
        RemoteSocket onNode = found.stream().filter(s -> s.id().equals(n1.id())).findFirst().orElseThrow();
        assertEquals(Set.of(n1.id(), "r"), onNode.rooms());
        assertTrue(onNode.handshake().address().endsWith("127.0.0.1"), onNode.handshake().address());
        onNode.emit("news", "handle");
        awaitExactly(Set.of("n1:handle"));

        JsonNode fromNode = nodeDo("fetch", Map.of("room", "r"));
        Set<String> ids = new java.util.HashSet<>();
        fromNode.forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(Set.of(a1.id(), b1.id(), n1.id()), ids);
        assertEquals(3, nodeDo("emitToFetched", Map.of("room", "r", "tag", "via-handles")).asInt());
        awaitExactly(Set.of("a1:via-handles", "b1:via-handles", "n1:via-handles"));
    }

    @Test
    void allRoomsFromJavaListsTheRoomsOfEveryServerAndViceVersa() throws Exception {
        Socket a1 = client(a.address().getPort(), "a1", "on-java-a");
        Socket b1 = client(b.address().getPort(), "b1", "on-java-b");
        Socket n1 = client(nodePort, "n1", "on-node");
        Set<String> expected = Set.of("on-java-a", "on-java-b", "on-node", a1.id(), b1.id(), n1.id());

        assertEquals(expected, b.sockets().adapter().allRooms().get(10, TimeUnit.SECONDS));
        Set<String> fromNode = new java.util.HashSet<>();
        nodeDo("rooms", Map.of()).forEach(r -> fromNode.add(r.asText()));
        assertEquals(expected, fromNode);
    }

    @Test
    void serverSideEmitWithAcksCollectsAnswersFromEveryOtherServer() throws Exception {
        List<String> answers = new ArrayList<>();
        a.serverSideEmitWithAck("ping", "x").get(10, TimeUnit.SECONDS).forEach(e -> answers.add(e.getString(0)));
        assertEquals(List.of("java-b:x", "node:x"), answers.stream().sorted().toList());
        List<String> fromNode = new ArrayList<>();
        nodeDo("ask", Map.of("arg", "y")).forEach(x -> fromNode.add(x.asText()));
        assertEquals(List.of("java-a:y", "java-b:y"), fromNode.stream().sorted().toList());
        a.serverSideEmit("hello", "plain");
        node.awaitLine("the plain server-side event", Duration.ofSeconds(10), l -> l.equals("hello \"plain\""));
    }

    @Test
    void disconnectSocketsAndSocketsJoinCrossBetweenJavaAndNode() throws Exception {
        Socket a1 = client(a.address().getPort(), "a1", "r");
        Socket n1 = client(nodePort, "n1", "r");
        Socket n2 = client(nodePort, "n2", null);
        a.in("r").socketsJoin("vip");
        Await.until("vip on all servers", () -> a.in("vip").fetchSockets().join().size() == 2);
        nodeDo("disconnect", Map.of("room", "vip"));
        Await.until("a1 and n1 disconnected by the Node server", () -> !a1.connected() && !n1.connected());
        Socket b1 = client(b.address().getPort(), "b1", "s");
        Socket n3 = client(nodePort, "n3", "s");
        a.in("s").disconnectSockets(false);
        Await.until("b1 and n3 disconnected by a Java server", () -> !b1.connected() && !n3.connected());
        assertTrue(n2.connected());
    }

    @Test
    void afterRedisRestartsLocalDeliveryNeverStoppedAndTheClusterHeals() throws Exception {
        client(a.address().getPort(), "a1", "r");
        client(b.address().getPort(), "b1", "r");
        client(nodePort, "n1", "r");
        redis.down();
        a.to("r").emit("news", "during");
        Await.until("local delivery while Redis is down", () -> received.contains("a1:during"));
        redis.up();
        // publishes made while Redis was down may be lost; new ones reach every server once all resubscribed
        Await.until("the cluster healed", Duration.ofSeconds(20), () -> {
            received.clear();
            a.to("r").emit("news", "after");
            Await.until("local", () -> received.contains("a1:after"));
            Await.until("settle", Duration.ofMillis(200), () -> true);
            return received.containsAll(List.of("b1:after", "n1:after"));
        });
        Await.until("three servers counted again", Duration.ofSeconds(10), () -> {
            a.fetchSockets().exceptionally(e -> null).join();
            return a.sockets().adapter().serverCount() == 3;
        });
        assertEquals(3, a.in("r").fetchSockets().get(10, TimeUnit.SECONDS).size());
    }
}
