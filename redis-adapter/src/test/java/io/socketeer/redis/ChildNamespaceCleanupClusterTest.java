package io.socketeer.redis;

import io.socket.client.Socket;
import io.socketeer.socketio.DynamicNamespace;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A child of a dynamic namespace removed once empty ({@code cleanupEmptyChildNamespaces}) closes its cluster
 * adapter, and the child made again when a client comes back subscribes anew: broadcasts of the other server
 * reach it.
 */
class ChildNamespaceCleanupClusterTest {

    @RegisterExtension
    static final RedisServer redis = RedisServer.perClass();

    private Cluster cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    private SocketIoServer server() {
        return cluster.server(o -> o.cleanupEmptyChildNamespaces(true), io -> {
            DynamicNamespace workspaces = io.of(Pattern.compile("^/ws-\\d+$"));
            workspaces.onConnection(socket ->
                    socket.on("say", args -> socket.namespace().emit("news", args.getString(0))));
        });
    }

    private static List<String> names(SocketIoServer io) {
        return io.namespaces().stream().map(Namespace::name).sorted().toList();
    }

    @Test
    void aChildMadeAgainReceivesTheOtherServersBroadcasts() {
        cluster = new Cluster(redis.uri(), RedisAdapterOptions.builder().requestsTimeout(Duration.ofSeconds(1)));
        SocketIoServer a = server();
        SocketIoServer b = server();
        Cluster.awaitServers(a, 2);

        Socket first = cluster.client(a, "/ws-1", s -> { });
        Await.until("the child on server a", () -> names(a).contains("/ws-1"));
        first.disconnect();
        Await.until("the empty child to go", () -> names(a).equals(List.of("/")));

        List<String> news = new CopyOnWriteArrayList<>();
        cluster.client(a, "/ws-1", s -> s.on("news", args -> news.add(String.valueOf(args[0]))));
        Socket speaker = cluster.client(b, "/ws-1", s -> { });
        // the new child's subscription is confirmed by Redis a moment after it is made: say it until heard
        Await.until("server b's broadcast to reach the child made again on server a", () -> {
            if (news.isEmpty()) {
                speaker.emit("say", "hello");
                return false;
            }
            return true;
        });
        assertEquals("hello", news.get(0));
    }
}
