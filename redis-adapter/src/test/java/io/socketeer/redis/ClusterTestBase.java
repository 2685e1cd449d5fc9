package io.socketeer.redis;

import io.socket.client.Socket;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The set-up the cluster tests share: one or two of our servers ({@link #a}, {@link #b}) whose sockets join
 * the room named by their {@code join} event and which answer the server-side event {@code ping} with
 * {@code java-a:<arg>} / {@code java-b:<arg>}, optionally a Node server ({@link #node}) in the same cluster,
 * and {@link #clients} that record their {@code news}, on the test class's own {@link #redis}. Everything is
 * closed after each test.
 */
abstract class ClusterTestBase {

    /** The Redis of the test class. */
    @RegisterExtension
    static final RedisServer redis = RedisServer.perClass();

    /** The cluster of our servers. */
    protected Cluster cluster;
    /** Our first server. */
    protected SocketIoServer a;
    /** Our second server, or {@code null}. */
    protected SocketIoServer b;
    /** The Node server, or {@code null}. */
    protected NodeMember node;
    /** The Node server's port. */
    protected int nodePort;
    /** Clients of any server, as {@link #a} sees the cluster. */
    protected NewsClients clients;

    /**
     * Starts our servers, then the Node one, and waits until {@link #a} counts them all.
     *
     * @param cluster the cluster our servers join
     * @param ours how many of our servers, 1 or 2
     * @param options adds to our servers' options
     * @param nodeScript the Node server's script under {@code npm/}, or {@code null} for none
     * @param nodeArgs its arguments
     */
    protected void startCluster(Cluster cluster, int ours, Consumer<SocketIoOptions.Builder> options,
                                String nodeScript, String... nodeArgs) {
        this.cluster = cluster;
        a = ourServer(options, "java-a:");
        b = ours > 1 ? ourServer(options, "java-b:") : null;
        if (nodeScript != null) {
            node = NodeMember.start(nodeScript, nodeArgs);
            nodePort = node.port();
        }
        Cluster.awaitServers(a, ours + (node != null ? 1 : 0));
        clients = new NewsClients(cluster, a);
    }

    private SocketIoServer ourServer(Consumer<SocketIoOptions.Builder> options, String answerPrefix) {
        SocketIoServer io = cluster.server(options,
                s -> s.onConnection(socket -> socket.on("join", args -> socket.join(args.getString(0)))));
        io.onServerSideEmit("ping", (args, ack) -> ack.send(answerPrefix + args.getString(0)));
        return io;
    }

    /**
     * Checks that {@code fetchSockets} of a room from {@link #a} and from the Node server both find exactly
     * these clients.
     *
     * @param room the room
     * @param members its clients, wherever they are connected
     * @throws Exception if a request fails
     */
    protected void assertFetchSocketsBothWays(String room, Socket... members) throws Exception {
        Set<String> ids = Arrays.stream(members).map(Socket::id).collect(Collectors.toSet());
        List<RemoteSocket> found = a.in(room).fetchSockets().get(10, TimeUnit.SECONDS);
        assertEquals(ids, found.stream().map(RemoteSocket::id).collect(Collectors.toSet()), "from Java");
        Set<String> fromNode = new HashSet<>();
        node.run("fetch", Map.of("room", room)).forEach(s -> fromNode.add(s.get("id").asText()));
        assertEquals(ids, fromNode, "from Node");
    }

    /**
     * Checks that {@code serverSideEmitWithAck("ping")} from {@link #a} gets the answers of {@link #b} and the
     * Node server, and from the Node server those of both of ours.
     *
     * @throws Exception if a request fails
     */
    protected void assertServerSideEmitWithAckBothWays() throws Exception {
        List<String> fromJava = new ArrayList<>();
        a.serverSideEmitWithAck("ping", "x").get(10, TimeUnit.SECONDS).forEach(e -> fromJava.add(e.getString(0)));
        assertEquals(List.of("java-b:x", "node:x"), fromJava.stream().sorted().toList());
        List<String> fromNode = new ArrayList<>();
        node.run("ask", Map.of("arg", "y")).forEach(x -> fromNode.add(x.asText()));
        assertEquals(List.of("java-a:y", "java-b:y"), fromNode.stream().sorted().toList());
    }

    /**
     * Checks that {@code disconnectSockets} of a room from {@link #a} disconnects its clients on {@link #b}
     * and on the Node server, and no other.
     *
     * @param bystander a client in another room
     */
    protected void assertDisconnectSocketsFromJavaReachesEveryServer(Socket bystander) {
        Socket onB = clients.connect(b, "b-s", "s");
        Socket onNode = clients.connect(nodePort, "n-s", "s");
        a.in("s").disconnectSockets(false);
        Await.until("the clients on b and on Node disconnected by a Java server",
                () -> !onB.connected() && !onNode.connected());
        assertTrue(bystander.connected());
    }

    @AfterEach
    void stopCluster() {
        if (node != null) {
            node.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
