package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.BroadcastOperator;
import io.socketeer.socketio.RemoteSocket;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * What an adapter may ask of the namespace it serves on this server.
 */
public interface AdapterNamespace {

    /** @return the namespace name */
    String name();

    /**
     * Returns a socket connected to this server.
     *
     * @param id the socket id
     * @return the socket, or {@code null}
     */
    RemoteSocket localSocket(String id);

    /**
     * Encodes a packet once and writes it to local sockets.
     *
     * @param packet the packet
     * @param socketIds the receivers (ids that are not connected here are skipped)
     * @param options the flags
     * @param acks where the answers go when the packet asks for acknowledgements, else {@code null}
     * @return the number of sockets the packet was written to
     */
    int deliver(OutgoingPacket packet, Iterable<String> socketIds, BroadcastOptions options, AckCollector acks);

    /**
     * Returns how long sessions and events are kept for connection state recovery.
     *
     * @return the window, or {@code null} when recovery is off
     */
    java.time.Duration recoveryWindow();

    /** @return the ids of the sockets connected here */
    Collection<String> localSocketIds();

    /**
     * Returns a new acknowledgement id from the namespace's counter, shared with its sockets so ids never
     * collide: what a cluster adapter gives a broadcast with acknowledgements that another server started.
     *
     * @return the id
     */
    long nextAckId();

    /**
     * Returns the namespace as a broadcast operator, going through its adapter (so across the cluster): a
     * cluster adapter narrows it to one socket id for the handles of sockets on other servers.
     *
     * @return the operator
     */
    BroadcastOperator operator();

    /**
     * Converts an application value (a socket's data, an argument) to a tree the way event arguments are.
     *
     * @param value the value
     * @return its tree
     */
    JsonNode toTree(Object value);

    /**
     * Hands an event another server sent with {@link Adapter#serverSideEmit} to this namespace's
     * server-side listeners. Returns at once; the listeners run on the handler executor.
     *
     * @param args the event name followed by its arguments
     * @param answer receives the acknowledgement's arguments (once at most), or {@code null} when the sender
     *               expects no answer
     */
    void receiveServerSideEmit(ArrayNode args, Consumer<ArrayNode> answer);

    /**
     * Tells the namespace that a local socket joined a room it was not in, after the adapter recorded it;
     * the namespace passes it on to its {@link io.socketeer.socketio.Namespace#onRoomJoin} listeners. Called
     * on the thread that changed the membership, outside the adapter's locks.
     *
     * @param room the room
     * @param socketId the socket
     */
    default void roomJoined(String room, String socketId) {
    }

    /**
     * Tells the namespace that a local socket left a room it was in (also each room of a socket that
     * disconnects), after the adapter recorded it; as {@link #roomJoined}.
     *
     * @param room the room
     * @param socketId the socket
     */
    default void roomLeft(String room, String socketId) {
    }

    /**
     * Tells the namespace that a room of this server got its first local member, before that member's
     * {@link #roomJoined}; as {@link #roomJoined}.
     *
     * @param room the room
     */
    default void roomCreated(String room) {
    }

    /**
     * Tells the namespace that a room of this server lost its last local member, after that member's
     * {@link #roomLeft}; as {@link #roomJoined}.
     *
     * @param room the room
     */
    default void roomDeleted(String room) {
    }
}
