package io.socketeer.redis;

import io.socket.client.Ack;
import io.socket.client.Socket;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Named Java clients of a test cluster that record each {@code news} event they get as
 * {@code <name>:<first argument>}, followed by each binary argument as a list of bytes (a recovery offset the
 * server may append is left out), and answer {@code poll} with their name.
 */
final class NewsClients {

    /** How long no further event may arrive after the expected ones. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private final Cluster cluster;
    private final SocketIoServer observer;
    private final List<String> received = new CopyOnWriteArrayList<>();

    /**
     * @param cluster the cluster the clients connect to
     * @param observer the server asked whether a client has joined its room (it sees the whole cluster)
     */
    NewsClients(Cluster cluster, SocketIoServer observer) {
        this.cluster = cluster;
        this.observer = observer;
    }

    /** @return what the clients received so far, in order of arrival */
    List<String> received() {
        return received;
    }

    /**
     * Connects a client to one of our servers.
     *
     * @param io the server
     * @param name the client's name
     * @param room a room it joins (and is seen in by the observer) before this returns, or {@code null}
     * @return the client
     */
    Socket connect(SocketIoServer io, String name, String room) {
        return connect(io.address().getPort(), name, room);
    }

    /**
     * Connects a client to any server of the cluster, ours or Node's; each server joins a socket to the room
     * named by its {@code join} event.
     *
     * @param port the server's port
     * @param name the client's name
     * @param room a room it joins (and is seen in by the observer) before this returns, or {@code null}
     * @return the client
     */
    Socket connect(int port, String name, String room) {
        Socket s = cluster.client(port, "/", c -> {
            c.on("news", args -> received.add(describe(name, args)));
            c.on("poll", args -> ((Ack) args[args.length - 1]).call(name));
        });
        if (room != null) {
            s.emit("join", room);
            Await.until(name + " in " + room, () -> observer.in(room).fetchSockets().join().stream()
                    .anyMatch(r -> r.id().equals(s.id())));
        }
        return s;
    }

    private static String describe(String name, Object[] args) {
        StringBuilder b = new StringBuilder(name).append(':').append(args[0]);
        for (int i = 1; i < args.length; i++) {
            if (args[i] instanceof byte[] bytes) {
                b.append(Arrays.toString(bytes));
            }
        }
        return b.toString();
    }

    /**
     * Waits until the clients received exactly these events, each once, and nothing more for a moment; then
     * forgets them.
     *
     * @param expected the events
     */
    void awaitExactly(Set<String> expected) {
        Await.until("deliveries " + expected, () -> received.containsAll(expected));
        long quietUntil = System.nanoTime() + QUIET.toNanos();
        Await.until("a quiet moment", QUIET.plusSeconds(1),
                () -> received.size() > expected.size() || System.nanoTime() >= quietUntil);
        assertEquals(expected.size(), received.size(), "each exactly once: " + received);
        received.clear();
    }
}
