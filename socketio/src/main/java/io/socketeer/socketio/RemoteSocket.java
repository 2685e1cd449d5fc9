package io.socketeer.socketio;

import java.util.Set;

/**
 * A socket as {@link BroadcastOperator#fetchSockets()} returns it: on this server or, with a cluster
 * adapter, on another one. Its state is a snapshot taken when it was fetched; its actions reach the live
 * socket wherever it is.
 */
public interface RemoteSocket {

    /** @return the socket id */
    String id();

    /**
     * Returns the handshake. A value: a local socket makes it on each call from its connection's request and
     * its CONNECT payload, so keep the result rather than calling this in a loop.
     *
     * @return the handshake
     */
    Handshake handshake();

    /** @return the rooms the socket was in */
    Set<String> rooms();

    /**
     * Returns the application data attached to the socket.
     *
     * @param <T> its type
     * @return the data or {@code null}
     */
    <T> T data();

    /**
     * Sends an event to the socket.
     *
     * @param event the name
     * @param args the arguments
     */
    void emit(String event, Object... args);

    /**
     * Adds the socket to rooms.
     *
     * @param rooms the rooms
     */
    void join(String... rooms);

    /**
     * Removes the socket from a room.
     *
     * @param room the room
     */
    void leave(String room);

    /**
     * Disconnects the socket from its namespace, or closes its whole connection.
     *
     * @param close whether to close the underlying connection
     */
    void disconnect(boolean close);
}
