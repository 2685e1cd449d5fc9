package io.socketeer.redis;

import io.socket.client.Socket;
import io.socketeer.redis.internal.StreamEntries;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several streams ({@code streamCount(2)}), with recovery on: a namespace goes to the stream its name hashes to;
 * one whose hash is negative names a stream that no server reads (as in the reference), so its broadcasts
 * reach only the sockets of the server that sent them, once, with their entry id as offset.
 */
class StreamCountTest {

    @RegisterExtension
    static final RedisServer redis = RedisServer.perClass();
    /** Its hash ({@code h * 31 + c}, 32 bits) is -1687253749: with two streams, stream "-1", which nobody reads. */
    private static final String UNREAD = "/nobodyreads";
    private Cluster cluster;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aNamespaceOnAStreamNobodyReadsStillReachesItsOwnServersSocketsOnce() {
        cluster = new Cluster(redis.uri(), (client, key) -> RedisStreamsAdapterFactory.create(client,
                RedisStreamsAdapterOptions.builder().streamName(key).streamCount(2).channelPrefix(key)
                        .sessionKeyPrefix(key + ":session:").build()));
        SocketIoServer a = cluster.server(o -> o.connectionStateRecovery(ConnectionStateRecovery.defaults()),
                io -> io.of(UNREAD));
        SocketIoServer b = cluster.server(o -> o.connectionStateRecovery(ConnectionStateRecovery.defaults()),
                io -> io.of(UNREAD));
        cluster.client(a, UNREAD, s -> s.on("news", args -> received.add("a1:" + args[0] + "@" + offset(args))));
        Socket b1 = cluster.client(b, UNREAD, s -> s.on("news", args -> received.add("b1:" + args[0])));
        a.of(UNREAD).emit("news", "first");
        a.of(UNREAD).emit("news", "second");
        Await.until("both on a's socket", () -> received.size() >= 2);
        // a broadcast of b's, seen by b's own socket, marks that b's did not arrive before it either
        b.of(UNREAD).emit("news", "from-b");
        Await.until("b's own broadcast", () -> received.contains("b1:from-b"));
        assertTrue(b1.connected());
        List<String> onA = received.stream().filter(r -> r.startsWith("a1:")).toList();
        assertEquals(2, onA.size(), "once each, only a's own: " + received);
        assertTrue(onA.get(0).startsWith("a1:first@") && onA.get(1).startsWith("a1:second@"), "in order: " + onA);
        onA.forEach(r -> assertTrue(StreamEntries.isId(r.substring(r.indexOf('@') + 1)), "with an offset: " + r));
        assertEquals(List.of("b1:from-b"), received.stream().filter(r -> r.startsWith("b1:")).toList());
    }

    private static String offset(Object[] args) {
        return args.length > 1 ? String.valueOf(args[args.length - 1]) : "none";
    }
}
