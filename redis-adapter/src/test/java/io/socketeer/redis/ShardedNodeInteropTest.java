package io.socketeer.redis;

import io.socket.client.Socket;
import io.socketeer.socketio.EventArgs;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two of our servers with the sharded adapter and a Node socket.io 4.8 server with {@code createShardedAdapter}
 * of {@code @socket.io/redis-adapter} 8.3 ({@code npm/cluster/redis-node.js ... sharded}) in one cluster on
 * Redis 7 sharded pub/sub: broadcasts reach each member once in every subscription mode, and acknowledgements,
 * {@code fetchSockets}, server-side events and {@code socketsJoin}/{@code disconnectSockets} work both ways.
 * Skipped when {@code -Dtest.npm.skip=true}.
 */
@DisabledIfSystemProperty(named = "test.npm.skip", matches = "true")
class ShardedNodeInteropTest extends ClusterTestBase {

    private void start(RedisShardedAdapterOptions.SubscriptionMode mode) {
        Cluster c = new Cluster(redis.uri(), (client, key) -> RedisShardedAdapterFactory.create(client,
                RedisShardedAdapterOptions.builder().channelPrefix(key).subscriptionMode(mode)
                        .requestsTimeout(Duration.ofSeconds(3)).build()));
        startCluster(c, 2, o -> { }, "cluster/redis-node.js", redis.uri(), c.key(), "sharded",
                mode.name().toLowerCase().replace('_', '-'));
    }

    @ParameterizedTest
    @EnumSource(RedisShardedAdapterOptions.SubscriptionMode.class)
    void roomBroadcastsReachEveryMemberOnceInEachSubscriptionMode(RedisShardedAdapterOptions.SubscriptionMode mode)
            throws Exception {
        start(mode);
        clients.connect(a.address().getPort(), "a1", "r");
        clients.connect(b.address().getPort(), "b1", "r");
        clients.connect(nodePort, "n1", "r");
        Socket n2 = clients.connect(nodePort, "n2", null);
        a.to("r").emit("news", "from-java", new byte[] {9});
        clients.awaitExactly(Set.of("a1:from-java[9]", "b1:from-java[9]", "n1:from-java[9]"));
        node.run("broadcast", Map.of("room", "r", "tag", "from-node", "binary", true));
        clients.awaitExactly(Set.of("a1:from-node[1, 2, 3]", "b1:from-node[1, 2, 3]", "n1:from-node[1, 2, 3]"));
        b.to(n2.id()).emit("news", "to-one");
        clients.awaitExactly(Set.of("n2:to-one"));
        b.emit("news", "all");
        clients.awaitExactly(Set.of("a1:all", "b1:all", "n1:all", "n2:all"));
    }

    @Test
    void acknowledgementsFetchSocketsAndServerSideEventsCrossBothWays() throws Exception {
        start(RedisShardedAdapterOptions.SubscriptionMode.DYNAMIC);
        Socket a1 = clients.connect(a.address().getPort(), "a1", "r");
        Socket b1 = clients.connect(b.address().getPort(), "b1", "r");
        Socket n1 = clients.connect(nodePort, "n1", "r");
        List<EventArgs> answers = a.timeout(Duration.ofSeconds(5)).emitWithAck("poll").get(10, TimeUnit.SECONDS);
        assertEquals(List.of("a1", "b1", "n1"), answers.stream().map(x -> x.getString(0)).sorted().toList());
        List<String> fromNode = new ArrayList<>();
        node.run("poll", Map.of()).forEach(x -> fromNode.add(x.asText()));
        assertEquals(List.of("a1", "b1", "n1"), fromNode.stream().sorted().toList());

        assertFetchSocketsBothWays("r", a1, b1, n1);

        assertServerSideEmitWithAckBothWays();
        a.serverSideEmit("hello", "plain");
        node.awaitLine("the plain server-side event", "hello \"plain\"");
    }

    @Test
    void socketsJoinAndDisconnectSocketsCrossBothWays() throws Exception {
        start(RedisShardedAdapterOptions.SubscriptionMode.DYNAMIC);
        Socket a1 = clients.connect(a.address().getPort(), "a1", "r");
        Socket n1 = clients.connect(nodePort, "n1", "r");
        Socket n2 = clients.connect(nodePort, "n2", null);
        a.in("r").socketsJoin("vip");
        Await.until("vip on all servers", () -> a.in("vip").fetchSockets().join().size() == 2);
        b.to("vip").emit("news", "vip-only");
        clients.awaitExactly(Set.of("a1:vip-only", "n1:vip-only"));
        node.run("disconnect", Map.of("room", "vip"));
        Await.until("a1 and n1 disconnected by the Node server", () -> !a1.connected() && !n1.connected());
        assertDisconnectSocketsFromJavaReachesEveryServer(n2);
    }
}
