package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.socket.client.Socket;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two of our servers on one Redis, each with Java clients: what one server does reaches the other's sockets.
 */
class RedisClusterTest extends ClusterTestBase {

    @BeforeEach
    void startServers() {
        startCluster(new Cluster(redis.uri(), RedisAdapterOptions.builder().requestsTimeout(Duration.ofSeconds(1))),
                2, o -> { }, null);
    }

    private Socket client(SocketIoServer io, String name, String room) {
        return clients.connect(io, name, room);
    }

    @Test
    void aBroadcastToARoomReachesItsMembersOnBothServersExactlyOnce() {
        client(a, "a1", "r");
        client(a, "a2", null);
        client(b, "b1", "r");
        client(b, "b2", "other");
        a.to("r").emit("news", "1");
        b.except("r").emit("news", "2");
        clients.awaitExactly(Set.of("a1:1", "b1:1", "a2:2", "b2:2"));
    }

    @Test
    void aBroadcastWithAcksCollectsTheAnswersOfClientsOnBothServers() throws Exception {
        client(a, "a1", null);
        client(b, "b1", null);
        client(b, "b2", null);
        List<EventArgs> answers = a.timeout(Duration.ofSeconds(5)).emitWithAck("poll").get(10, TimeUnit.SECONDS);
        assertEquals(List.of("a1", "b1", "b2"), answers.stream().map(x -> x.getString(0)).sorted().toList());
    }

    @Test
    void fetchSocketsListsTheSocketsOfBothServersAndTheirHandlesActRemotely() throws Exception {
        Socket a1 = client(a, "a1", "r");
        Socket b1 = client(b, "b1", "r");
        List<RemoteSocket> found = a.in("r").fetchSockets().get(5, TimeUnit.SECONDS);
        assertEquals(Set.of(a1.id(), b1.id()), Set.copyOf(found.stream().map(RemoteSocket::id).toList()));
        RemoteSocket remote = found.stream().filter(s -> s.id().equals(b1.id())).findFirst().orElseThrow();
        assertEquals(Set.of(b1.id(), "r"), remote.rooms());
        assertEquals("127.0.0.1", remote.handshake().address().replace("::ffff:", ""));

        remote.emit("news", "direct");
        Await.until("the direct emit", () -> clients.received().contains("b1:direct"));
        remote.join("vip");
        Await.until("joined vip on b", () -> b.in("vip").local().fetchSockets().join().size() == 1);
        remote.leave("r");
        Await.until("left r on b", () -> b.in("r").local().fetchSockets().join().isEmpty());
        remote.disconnect(false);
        Await.until("b1 disconnected", () -> !b1.connected());
        assertEquals(1, a.fetchSockets().get(5, TimeUnit.SECONDS).size());
    }

    @Test
    void socketsJoinLeaveAndDisconnectSocketsReachTheOtherServer() {
        Socket a1 = client(a, "a1", "r");
        Socket b1 = client(b, "b1", "r");
        Socket b2 = client(b, "b2", null);
        a.in("r").socketsJoin("vip");
        Await.until("b1 in vip", () -> b.in("vip").local().fetchSockets().join().size() == 1);
        assertEquals(1, a.in("vip").local().fetchSockets().join().size());
        a.in("vip").socketsLeave("r");
        Await.until("r empty on b", () -> b.in("r").local().fetchSockets().join().isEmpty());
        a.in("vip").disconnectSockets(true);
        Await.until("both vip sockets disconnected", () -> !a1.connected() && !b1.connected());
        assertEquals(true, b2.connected());
    }

    @Test
    void serverSideEmitReachesTheOtherServerAndItsAnswersComeBack() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        b.onServerSideEmit("hello", (args, ack) -> {
            got.add(args.getString(0));
            ack.send("from b");
        });
        a.onServerSideEmit("hello", (args, ack) -> got.add("a must not get its own event"));
        a.serverSideEmit("hello", "plain");
        Await.until("the plain event", () -> got.contains("plain"));
        List<EventArgs> answers = a.serverSideEmitWithAck("hello", "asked").get(5, TimeUnit.SECONDS);
        assertEquals(List.of("from b"), answers.stream().map(x -> x.getString(0)).toList());
        assertEquals(List.of("plain", "asked"), got);
    }

    @Test
    void aRequestThatIsNotAnsweredFailsWithATimeoutAfterTheRequestsTimeout() {
        b.onServerSideEmit("silent", (args, ack) -> { });
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> a.serverSideEmitWithAck("silent").get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals("timeout reached: only 0 responses received out of 1", e.getCause().getMessage());
    }

    @Test
    void foreignAndMalformedMessagesOnTheAdapterChannelsAreDroppedAndTheServerLivesOn() {
        client(b, "b1", null);
        RedisClient raw = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = raw.connect()) {
            String k = cluster.key();
            c.sync().publish(k + "#/#", "\u0093garbage");
            c.sync().publish(k + "#/#", "{\"not\":\"msgpack\"}");
            c.sync().publish(k + "-request#/#", "{\"type\":5,\"opts\":42}");
            c.sync().publish(k + "-request#/#", "{truncated");
            c.sync().publish(k + "-request#/#", new String(new byte[] {(byte) 0x93, 1}, StandardCharsets.ISO_8859_1));
            c.sync().publish(k + "-response#/#", "[]");
        } finally {
            raw.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        a.emit("news", "after");
        Await.until("a broadcast after the garbage", () -> clients.received().contains("b1:after"));
    }

    @Test
    void duringARedisOutageLocalDeliveryGoesOnAndRequestsFailWithATimeout() throws Exception {
        client(a, "a1", null);
        client(b, "b1", null);
        redis.down();
        try {
            a.emit("news", "local");
            Await.until("local delivery without Redis", () -> clients.received().contains("a1:local"));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> a.fetchSockets().get(5, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
        } finally {
            redis.up();
        }
        Await.until("the cluster healed", Duration.ofSeconds(20), () -> {
            a.emit("news", "again");
            Await.until("settle", Duration.ofMillis(200), () -> true);
            return clients.received().contains("b1:again");
        });
    }
}
