package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharded and Redis Streams adapters are ready when {@code SocketIoServer.start()} completes: Redis counts
 * the server at once, and an entry another node adds to the stream right after the start is handled. The
 * servers reach Redis through a proxy that delivers their commands late, so that a start that did not wait
 * for Redis to confirm the subscriptions would return before Redis knows of them.
 */
class ClusterAdapterReadyTest {

    @RegisterExtension
    static final RedisServer redis = RedisServer.perClass();
    private Cluster cluster;
    private RedisClient raw;
    private StatefulRedisConnection<String, String> commands;
    private TcpProxy slowLink;

    @BeforeEach
    void connect() {
        raw = RedisClient.create(redis.uri());
        commands = raw.connect();
        slowLink = TcpProxy.withLatency(redis.port(), Duration.ofMillis(150));
    }

    private String slowRedis() {
        return "redis://127.0.0.1:" + slowLink.port();
    }

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
        slowLink.close();
        commands.close();
        raw.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void shardedStartCompletesOnlyOnceTheShardChannelsAreSubscribed() {
        cluster = new Cluster(slowRedis(), (client, key) -> RedisShardedAdapterFactory.create(client,
                RedisShardedAdapterOptions.builder().channelPrefix(key).build()));
        String channel = cluster.key() + "#/#";
        for (int i = 1; i <= 5; i++) {
            SocketIoServer io = cluster.server(s -> { });
            long counted = commands.sync().pubsubShardNumsub(channel).get(channel);
            assertEquals(i, counted, "server " + i + " counted by Redis as soon as it started");
            assertTrue(io.ready().isDone());
        }
    }

    @Test
    void streamsStartCompletesOnlyOnceSubscribedAndReadingTheStream() {
        cluster = new Cluster(slowRedis(), (client, key) -> RedisStreamsAdapterFactory.create(client,
                Cluster.streamsOptions(key)));
        String channel = cluster.key() + "#/#";
        List<String> handled = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String server = "server " + i;
            cluster.server(s -> s.onServerSideEmit("hello", (args, ack) -> handled.add(server + ":" + args.getString(0))));
            long counted = commands.sync().pubsubNumsub(channel).get(channel);
            assertEquals(i, counted, server + " counted by Redis as soon as it started");
            commands.sync().xadd(cluster.key(), serverSideEvent("after-" + i));
            String expected = server + ":after-" + i;
            Await.until(server + " handles the entry added right after its start", () -> handled.contains(expected));
        }
    }

    /** A server-side event as another node's adapter adds it to the stream. */
    private static Map<String, String> serverSideEvent(String arg) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("uid", "0123456789abcdef");
        fields.put("nsp", "/");
        fields.put("type", "9");
        fields.put("data", "{\"packet\":[\"hello\",\"" + arg + "\"]}");
        return fields;
    }
}
