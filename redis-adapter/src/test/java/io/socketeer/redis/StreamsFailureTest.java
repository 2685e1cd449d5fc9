package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.socket.client.Socket;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the Redis Streams adapter behaves when things go wrong, on two of our servers with recovery on: Redis
 * restarted (local delivery goes on, what could not be sent is counted, the servers resume without
 * duplicates), a server whose Redis answers late (its own broadcasts reach its sockets once, in order),
 * malformed stream entries and pub/sub messages (skipped, the server lives), and a server
 * falling behind the stream's {@code MAXLEN} (counted, it resumes at the oldest entry still there).
 */
class StreamsFailureTest {

    @RegisterExtension
    static final RedisServer redis = RedisServer.perClass();
    private Cluster cluster;
    private final List<RedisStreamsAdapterFactory> factories = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private SocketIoServer a;
    private SocketIoServer b;

    private void start(UnaryOperator<RedisStreamsAdapterOptions.Builder> options) {
        start(options, null);
    }

    /** Starts servers a and b; with a Redis client given, server a uses it instead of its own. */
    private void start(UnaryOperator<RedisStreamsAdapterOptions.Builder> options, RedisClient forA) {
        cluster = new Cluster(redis.uri(), (client, key) -> {
            RedisClient c = factories.isEmpty() && forA != null ? forA : client;
            RedisStreamsAdapterFactory f = RedisStreamsAdapterFactory.create(c, options.apply(
                    RedisStreamsAdapterOptions.builder().streamName(key).channelPrefix(key)
                            .sessionKeyPrefix(key + ":session:")).build());
            factories.add(f);
            return f;
        });
        a = cluster.server(o -> o.connectionStateRecovery(ConnectionStateRecovery.defaults()),
                io -> io.onConnection(s -> s.on("join", args -> s.join(args.getString(0)))));
        b = cluster.server(o -> o.connectionStateRecovery(ConnectionStateRecovery.defaults()),
                io -> io.onConnection(s -> s.on("join", args -> s.join(args.getString(0)))));
        client(a, "a1");
        client(b, "b1");
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void client(SocketIoServer io, String name) {
        Socket s = cluster.client(io, "/", c -> c.on("news", args -> received.add(name + ":" + args[0])));
        s.emit("join", "r");
        Await.until(name + " in r", () -> io.in("r").fetchSockets().join().stream().anyMatch(x -> x.id().equals(s.id())));
    }

    private long count(String event) {
        return received.stream().filter(event::equals).count();
    }

    private void assertClusterDelivers(String tag) {
        a.to("r").emit("news", tag);
        Await.until(tag + " on both servers", () -> count("a1:" + tag) == 1 && count("b1:" + tag) == 1);
    }

    @Test
    void whileRedisIsDownLocalDeliveryGoesOnAndAfterItsRestartTheServersResumeWithoutDuplicates() {
        start(o -> o);
        assertClusterDelivers("before");
        redis.down();
        a.to("r").emit("news", "during");
        Await.until("local delivery while Redis is down", () -> count("a1:during") == 1);
        assertTrue(factories.get(0).lostMessages() >= 1, "counted as lost for the cluster");
        redis.up();
        int[] n = {0};
        Await.until("the cluster healed", Duration.ofSeconds(30), () -> {
            String tag = "after-" + n[0]++;
            a.to("r").emit("news", tag);
            Await.until("local " + tag, () -> count("a1:" + tag) == 1);
            Await.until("settle", Duration.ofMillis(300), () -> true);
            return count("b1:" + tag) == 1;
        });
        assertClusterDelivers("last");
        Await.until("settle", Duration.ofMillis(300), () -> true);
        for (String r : received) {
            assertEquals(1, count(r), "delivered once: " + r + " in " + received);
        }
        assertEquals(0, count("b1:during"));
    }

    @Test
    void aServerWhoseRedisAnswersLateDeliversItsOwnBroadcastsOnceAndInTheOrderSent() {
        try (TcpProxy late = TcpProxy.withLatency(redis.port(), Duration.ZERO)) {
            RedisClient slow = RedisClient.create("redis://127.0.0.1:" + late.port());
            try {
                start(o -> o, slow);
                // from now on server a's commands reach Redis 1.2 s late, after it stopped waiting for entry ids
                late.latency(Duration.ofMillis(1200));
                List<String> sent = List.of("late-1", "late-2", "late-3", "late-4");
                sent.forEach(tag -> a.to("r").emit("news", tag));
                Await.until("all of them on both servers", Duration.ofSeconds(20),
                        () -> sent.stream().allMatch(t -> count("a1:" + t) >= 1 && count("b1:" + t) >= 1));
                // b's broadcast enters the stream after a's: once a1 has it, a has read its own back
                b.to("r").emit("news", "marker");
                Await.until("the marker on a", Duration.ofSeconds(20), () -> count("a1:marker") == 1);
                for (String client : List.of("a1", "b1")) {
                    assertEquals(sent, received.stream().filter(r -> r.startsWith(client + ":late-"))
                            .map(r -> r.substring(client.length() + 1)).toList(), client + ", once each, in order");
                }
            } finally {
                cluster.close();
                cluster = null;
                slow.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void malformedEntriesAndMessagesAreSkippedAndTheServersLive() {
        start(o -> o);
        String key = cluster.key();
        RedisClient raw = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = raw.connect()) {
            RedisCommands<String, String> cmd = c.sync();
            cmd.xadd(key, Map.of("uid", "x", "nsp", "/", "type", "3", "data", "{not json"));
            cmd.xadd(key, Map.of("uid", "x", "nsp", "/", "type", "3", "data", "%%%not-base64"));
            cmd.xadd(key, Map.of("uid", "x", "nsp", "/", "type", "3", "data", "{\"packet\":{\"data\":7}}"));
            cmd.xadd(key, Map.of("uid", "x", "nsp", "/", "type", "nine", "data", "{}"));
            cmd.xadd(key, Map.of("nothing", "useful"));
            cmd.publish(key + "#/#", "\u00c1garbage");
            cmd.publish(key + "#/#", "{\"type\":9}");
        } finally {
            raw.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        assertClusterDelivers("still-alive");
        b.to("r").emit("news", "both-ways");
        Await.until("from b", () -> count("a1:both-ways") == 1 && count("b1:both-ways") == 1);
    }

    @Test
    void aServerThatFellBehindMaxLenCountsTheGapAndResumesAtTheOldestEntry() throws Exception {
        start(o -> o.maxLen(10).readCount(20));
        String key = cluster.key();
        RedisClient raw = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, byte[]> c = raw.connect(io.lettuce.core.codec.RedisCodec.of(
                io.lettuce.core.codec.StringCodec.UTF8, io.lettuce.core.codec.ByteArrayCodec.INSTANCE))) {
            // one transaction: the blocked readers wake up after it, when most of it was trimmed already
            c.sync().multi();
            Map<String, byte[]> entry = new LinkedHashMap<>();
            entry.put("uid", "elsewhere".getBytes(StandardCharsets.UTF_8));
            entry.put("nsp", "/unserved".getBytes(StandardCharsets.UTF_8));
            entry.put("type", "3".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 1000; i++) {
                c.async().xadd(key, XAddArgs.Builder.maxlen(10), entry);
            }
            c.sync().exec();
        } finally {
            raw.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        Await.until("the gap counted on both servers",
                () -> factories.stream().allMatch(f -> f.streamGaps() == 1));
        // 1000 added, 10 kept: 990 never read (none of them was for a served namespace)
        factories.forEach(f -> assertEquals(990, f.trimmedEntries()));
        assertClusterDelivers("resumed");
    }
}
