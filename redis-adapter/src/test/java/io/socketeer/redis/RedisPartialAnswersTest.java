package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socket.client.Socket;
import io.socketeer.socketio.AckTimeoutException;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A cluster with a frozen node, one that is subscribed (so it is counted) but never answers: requests to the
 * servers and acknowledged broadcasts fail with the answers that did arrive, as the reference hands them to
 * its callback. And a server reports itself started only once its adapter is subscribed.
 */
class RedisPartialAnswersTest {

    @RegisterExtension
    static final RedisServer redis = RedisServer.perClass();
    private Cluster cluster;
    private RedisClient raw;

    @BeforeEach
    void newCluster() {
        cluster = new Cluster(redis.uri(), RedisAdapterOptions.builder().requestsTimeout(Duration.ofMillis(800)));
        raw = RedisClient.create(redis.uri());
    }

    @AfterEach
    void close() {
        cluster.close();
        raw.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** A node that froze after subscribing: Redis counts it, it never answers. */
    private StatefulRedisPubSubConnection<String, String> frozenNode() {
        StatefulRedisPubSubConnection<String, String> frozen = raw.connectPubSub();
        frozen.sync().subscribe(cluster.key() + "-request#/#");
        return frozen;
    }

    private long requestSubscribers() {
        try (var c = raw.connect()) {
            Map<String, Long> n = c.sync().pubsubNumsub(cluster.key() + "-request#/#");
            return n.values().iterator().next();
        }
    }

    @Test
    void startCompletesOnlyOnceTheAdapterIsSubscribed() {
        for (int i = 1; i <= 5; i++) {
            SocketIoServer io = cluster.server(s -> { });
            assertEquals(i, requestSubscribers(), "server " + i + " counted by Redis as soon as it started");
            assertEquals(true, io.ready().isDone());
        }
    }

    @Test
    void serverSideEmitWithAckKeepsTheAnswersOfTheServersThatAnswered() throws Exception {
        SocketIoServer a = cluster.server(s -> { });
        cluster.server(s -> s.onServerSideEmit("vote", (args, ack) -> ack.send("from b")));
        cluster.server(s -> s.onServerSideEmit("vote", (args, ack) -> ack.send("from c")));
        try (var frozen = frozenNode()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> a.serverSideEmitWithAck("vote").get(10, TimeUnit.SECONDS));
            AckTimeoutException t = assertInstanceOf(AckTimeoutException.class, e.getCause());
            assertEquals(3, t.expected(), "b, c and the frozen node");
            assertEquals(List.of("from b", "from c"),
                    t.answers().stream().map(x -> x.getString(0)).sorted().toList());
        }
    }

    @Test
    void aBroadcastWithAckKeepsTheClientsAnswersWhenANodeNeverReports() throws Exception {
        SocketIoServer a = cluster.server(s -> { });
        SocketIoServer b = cluster.server(s -> { });
        Socket client = cluster.client(b, "/", c -> c.on("poll",
                args -> ((io.socket.client.Ack) args[args.length - 1]).call("here")));
        Await.until("b's socket visible from a", () -> a.fetchSockets().join().size() == 1);
        try (var frozen = frozenNode()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> a.timeout(Duration.ofSeconds(2)).emitWithAck("poll").get(10, TimeUnit.SECONDS));
            AckTimeoutException t = assertInstanceOf(AckTimeoutException.class, e.getCause());
            List<EventArgs> answers = t.answers();
            assertEquals(List.of("here"), answers.stream().map(x -> x.getString(0)).toList());
            assertEquals(-1, t.expected(), "the frozen node never said how many clients it reached");
        }
        client.close();
    }
}
