package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.RemoteSocket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the rooms of one namespace and delivers broadcasts. The in-memory adapter serves a single server;
 * a cluster adapter extends it to forward broadcasts and requests to other servers, overriding only what
 * crosses servers (the methods that take {@link BroadcastOptions} and {@link #serverSideEmit}).
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public interface Adapter {

    /** Called once before use. */
    default void init() {
    }

    /**
     * Tells when the adapter, after {@link #init()}, receives what the other servers of a cluster send (a
     * Redis adapter: once its subscriptions are confirmed). {@code SocketIoServer.start} completes only when
     * the adapters of the namespaces that exist by then are ready, so a server that reports itself started
     * misses no cluster message.
     *
     * @return completes when ready (at once for a single-server adapter); fails if the adapter cannot be
     */
    default CompletableFuture<Void> ready() {
        return CompletableFuture.completedFuture(null);
    }

    /** Called once when the namespace or server closes. */
    default void close() {
    }

    /**
     * Adds a local socket to rooms.
     *
     * @param socketId the socket
     * @param rooms the rooms
     */
    void addAll(String socketId, Set<String> rooms);

    /**
     * Removes a local socket from a room.
     *
     * @param socketId the socket
     * @param room the room
     */
    void del(String socketId, String room);

    /**
     * Removes a local socket from every room.
     *
     * @param socketId the socket
     */
    void delAll(String socketId);

    /**
     * Returns the rooms of a local socket.
     *
     * @param socketId the socket
     * @return its rooms (a snapshot), empty if unknown
     */
    Set<String> socketRooms(String socketId);

    /**
     * Returns the local sockets in any of the rooms.
     *
     * @param rooms the rooms; empty for all
     * @return socket ids (a snapshot)
     */
    Set<String> sockets(Set<String> rooms);

    /** @return every local room and its sockets (a snapshot) */
    Map<String, Set<String>> rooms();

    /**
     * Broadcasts a packet.
     *
     * @param packet the packet
     * @param options who gets it
     */
    void broadcast(OutgoingPacket packet, BroadcastOptions options);

    /**
     * Broadcasts a packet that asks for acknowledgements.
     *
     * @param packet the packet, with its ack id
     * @param options who gets it
     * @param acks receives the count and the answers
     */
    void broadcastWithAck(OutgoingPacket packet, BroadcastOptions options, AckCollector acks);

    /**
     * Finds sockets.
     *
     * @param options which ones
     * @return the sockets
     */
    CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options);

    /**
     * Makes sockets join rooms.
     *
     * @param options which sockets
     * @param rooms the rooms
     */
    void addSockets(BroadcastOptions options, Set<String> rooms);

    /**
     * Makes sockets leave rooms.
     *
     * @param options which sockets
     * @param rooms the rooms
     */
    void delSockets(BroadcastOptions options, Set<String> rooms);

    /**
     * Disconnects sockets.
     *
     * @param options which sockets
     * @param close whether to close their connections
     */
    void disconnectSockets(BroadcastOptions options, boolean close);

    /**
     * Sends an event to the other servers of a cluster (not to clients).
     *
     * @param args the event name and arguments
     * @param expectAnswers whether the other servers should acknowledge
     * @return the other servers' answers; empty on a single server
     */
    default CompletableFuture<List<ArrayNode>> serverSideEmit(ArrayNode args, boolean expectAnswers) {
        return CompletableFuture.completedFuture(List.of());
    }

    /**
     * Keeps a disconnected socket's state for connection state recovery. Only called when recovery is on.
     *
     * @param session the state
     */
    default void persistSession(PersistedSession session) {
    }

    /**
     * Takes back a kept session, with the events sent to it after {@code offset}. Only called when recovery
     * is on.
     *
     * @param pid the private session id the client presented
     * @param offset the offset of the last event the client got
     * @return the session, or {@code null} if unknown, expired, or the offset is no longer known
     */
    default CompletableFuture<PersistedSession> restoreSession(String pid, String offset) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Returns the rooms of the namespace on every server of the cluster, as the reference's
     * {@code adapter.allRooms()}; a socket's own room is one of them.
     *
     * @return the rooms; this server's alone on a single server
     */
    default CompletableFuture<Set<String>> allRooms() {
        return CompletableFuture.completedFuture(Set.copyOf(rooms().keySet()));
    }

    /** @return the number of servers in the cluster, 1 for a single server */
    default int serverCount() {
        return 1;
    }
}
