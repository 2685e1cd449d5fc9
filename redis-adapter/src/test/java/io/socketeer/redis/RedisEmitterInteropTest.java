package io.socketeer.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.socket.client.Socket;
import io.socketeer.redis.emitter.RedisEmitter;
import io.socketeer.redis.emitter.RedisEmitterOptions;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java {@link RedisEmitter} reaches clients of our server and of a Node socket.io 4.8 server with
 * {@code @socket.io/redis-adapter} 8.3 ({@code npm/cluster/redis-node.js}); the Node
 * {@code @socket.io/redis-emitter} 5.1 ({@code npm/cluster/emitter-node.js}) reaches clients of our servers.
 * Skipped when {@code -Dtest.npm.skip=true}.
 */
@DisabledIfSystemProperty(named = "test.npm.skip", matches = "true")
class RedisEmitterInteropTest extends ClusterTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private RedisClient emitterClient;
    private RedisEmitter emitter;
    private final List<String> serverEvents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServers() {
        Cluster c = new Cluster(redis.uri(), RedisAdapterOptions.builder().requestsTimeout(Duration.ofSeconds(3)));
        startCluster(c, 1, o -> { }, "cluster/redis-node.js", redis.uri(), c.key());
        a.onServerSideEmit("hello", (args, ack) -> serverEvents.add("java:" + args.getString(0)));
        emitterClient = RedisClient.create(redis.uri());
        emitter = RedisEmitter.create(emitterClient, RedisEmitterOptions.builder().key(cluster.key()).build());
    }

    @AfterEach
    void stopEmitter() {
        emitter.close();
        emitterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void eventsFromTheJavaEmitterReachRoomsOnJavaAndNodeServersWithBinaryArguments() throws Exception {
        clients.connect(a.address().getPort(), "a1", "r");
        clients.connect(a.address().getPort(), "a2", "muted");
        clients.connect(nodePort, "n1", "r");
        clients.connect(nodePort, "n2", null);
        assertEquals(2L, emitter.to("r").emit("news", "x", new byte[] {7, 8}).get(5, TimeUnit.SECONDS));
        clients.awaitExactly(Set.of("a1:x[7, 8]", "n1:x[7, 8]"));
        emitter.except("muted").emit("news", Map.of("k", 1)).get(5, TimeUnit.SECONDS);
        clients.awaitExactly(Set.of("a1:{\"k\":1}", "n1:{\"k\":1}", "n2:{\"k\":1}"));
        emitter.of("/").to("r", "muted").except("r").emit("news", "few").get(5, TimeUnit.SECONDS);
        clients.awaitExactly(Set.of("a2:few"));
    }

    @Test
    void socketsJoinDisconnectSocketsAndServerSideEmitFromTheJavaEmitterReachEveryServer() throws Exception {
        Socket a1 = clients.connect(a.address().getPort(), "a1", "r");
        Socket n1 = clients.connect(nodePort, "n1", "r");
        Socket n2 = clients.connect(nodePort, "n2", null);
        emitter.to("r").socketsJoin("vip").get(5, TimeUnit.SECONDS);
        Await.until("both in vip", () -> a.in("vip").fetchSockets().join().size() == 2);
        emitter.in("vip").socketsLeave("r").get(5, TimeUnit.SECONDS);
        Await.until("none in r", () -> a.in("r").fetchSockets().join().isEmpty());
        emitter.serverSideEmit("hello", "from-emitter").get(5, TimeUnit.SECONDS);
        Await.until("the Java server got it", () -> serverEvents.contains("java:from-emitter"));
        node.awaitLine("the Node server got it", "hello \"from-emitter\"");
        emitter.in("vip").disconnectSockets(true).get(5, TimeUnit.SECONDS);
        Await.until("a1 and n1 disconnected", () -> !a1.connected() && !n1.connected());
        assertTrue(n2.connected());
    }

    @Test
    void eventsFromTheNodeEmitterReachClientsOfOurServer() throws Exception {
        Socket a1 = clients.connect(a.address().getPort(), "a1", "r");
        clients.connect(a.address().getPort(), "a2", null);
        try (NodeProcess js = NodeProcess.start("cluster/emitter-node.js", redis.uri(), cluster.key())) {
            js.awaitLine("the Node emitter", Duration.ofSeconds(30), "ready"::equals);
            js.send(JSON.writeValueAsString(Map.of("op", "emit", "room", "r", "event", "news", "arg", "js")));
            clients.awaitExactly(Set.of("a1:js[1, 2, 3]"));
            js.send(JSON.writeValueAsString(Map.of("op", "emit", "except", "r", "event", "news", "arg", "rest")));
            clients.awaitExactly(Set.of("a2:rest[1, 2, 3]"));
            js.send(JSON.writeValueAsString(Map.of("op", "serverSideEmit", "event", "hello", "arg", "js")));
            Await.until("the server-side event", () -> serverEvents.contains("java:js"));
            js.send(JSON.writeValueAsString(Map.of("op", "join", "room", "r", "target", "vip")));
            Await.until("a1 in vip", () -> a.in("vip").fetchSockets().join().size() == 1);
            js.send(JSON.writeValueAsString(Map.of("op", "disconnect", "room", "vip")));
            Await.until("a1 disconnected", () -> !a1.connected());
        }
    }
}
