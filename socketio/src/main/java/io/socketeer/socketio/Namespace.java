package io.socketeer.socketio;

import io.socketeer.socketio.adapter.Adapter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A namespace: its own middlewares, sockets, rooms and adapter. Also the broadcast operator that reaches
 * all of its sockets.
 */
public interface Namespace extends BroadcastOperator {

    /** @return the name, e.g. {@code /} or {@code /chat} */
    String name();

    /**
     * Adds a middleware, run for every socket that connects after this call.
     *
     * @param middleware the middleware
     * @return this namespace
     */
    Namespace use(Middleware middleware);

    /**
     * Listens for sockets that joined.
     *
     * @param listener called on the socket's handler executor, right after the client got the CONNECT
     * @return this namespace
     */
    Namespace onConnection(Consumer<Socket> listener);

    /**
     * Listens for sockets of this server joining rooms of this namespace: {@link Socket#join}, the own room
     * a socket joins when it connects, {@link BroadcastOperator#socketsJoin}.
     *
     * @param listener called on the thread that made the change, right after it; it must not block
     * @return this namespace
     */
    Namespace onRoomJoin(RoomListener listener);

    /**
     * Listens for sockets of this server leaving rooms of this namespace: {@link Socket#leave},
     * {@link BroadcastOperator#socketsLeave}, and every room of a socket that disconnects.
     *
     * @param listener called on the thread that made the change, right after it; it must not block
     * @return this namespace
     */
    Namespace onRoomLeave(RoomListener listener);

    /**
     * Listens for rooms of this namespace getting their first socket of this server, as the reference
     * adapter's {@code create-room} event (each socket's own room too); called before that socket's
     * {@link #onRoomJoin} listeners.
     *
     * @param listener given the room, on the thread that made the change, right after it; it must not block
     * @return this namespace
     */
    Namespace onRoomCreate(java.util.function.Consumer<String> listener);

    /**
     * Listens for rooms of this namespace losing their last socket of this server, as the reference adapter's
     * {@code delete-room} event; called after that socket's {@link #onRoomLeave} listeners.
     *
     * @param listener given the room, on the thread that made the change, right after it; it must not block
     * @return this namespace
     */
    Namespace onRoomDelete(java.util.function.Consumer<String> listener);

    /** @return the sockets connected to this namespace on this server, by id */
    Map<String, Socket> sockets();

    /**
     * Finds a socket of this namespace connected to this server, as the reference's
     * {@code io.of(name).sockets.get(id)}. To send to a socket that may be on another server of a cluster, use
     * the room named by its id: {@code to(id).emit(...)}.
     *
     * @param id the socket id
     * @return the socket, or empty if none with this id is connected here
     */
    default Optional<Socket> socket(String id) {
        return Optional.ofNullable(sockets().get(id));
    }

    /** @return the adapter holding this namespace's rooms */
    Adapter adapter();

    /**
     * Sends an event to this namespace on the other servers of a cluster (not to clients), where
     * {@link #onServerSideEmit} listeners get it; as the reference's {@code io.serverSideEmit}. Does nothing
     * on a single server.
     *
     * @param event the name (not {@code connect}, {@code connection} nor {@code new_namespace})
     * @param args the arguments
     */
    void serverSideEmit(String event, Object... args);

    /**
     * Sends an event to this namespace on the other servers of a cluster and collects one answer from each;
     * as the reference's {@code io.serverSideEmitWithAck}. Fails with an {@link AckTimeoutException} (a
     * {@link java.util.concurrent.TimeoutException}) when some server did not answer within the adapter's
     * request timeout; its {@link AckTimeoutException#answers()} are the answers of the servers that did.
     * Completes with an empty list on a single server.
     *
     * <p>The future completes on the adapter's serial executor (not an I/O thread); callbacks chained without
     * {@code ...Async} run there, so they must not block for long.
     *
     * @param event the name
     * @param args the arguments, serialised before this method returns
     * @return the answers, one per other server, in order of arrival
     */
    CompletableFuture<List<EventArgs>> serverSideEmitWithAck(String event, Object... args);

    /**
     * Listens for an event that another server of the cluster sent with {@link #serverSideEmit} or
     * {@link #serverSideEmitWithAck}; as the reference's {@code io.on(event, listener)}.
     *
     * @param event the name
     * @param listener called on the handler executor (in order of arrival), with an {@link Ack} that answers
     *                 the sender when it asked for answers
     * @return this namespace
     */
    Namespace onServerSideEmit(String event, AckEventListener listener);
}
