package io.socketeer.socketio;

import io.socketeer.engineio.EngineIoSession;

import java.util.concurrent.Executor;

/**
 * A client's connection to one namespace.
 *
 * <p>Threading: listeners of a socket run one at a time, in the order their packets arrived, on the socket's
 * {@linkplain #executor() handler executor} (a serial view of the server's handler executor, or the I/O
 * thread if the server was configured so). Every method may be called from any thread.
 *
 * <pre>{@code
 * io.onConnection(socket -> {
 *     socket.on("chat", args -> socket.broadcast().emit("chat", args.get(0)));
 *     socket.on("echo", (args, ack) -> ack.send(args.toArray()));
 *     socket.on("dm", args -> socket.to(args.getString(0)).emit("dm", socket.id(), args.get(1)));
 *     socket.onDisconnect(reason -> log.info("{} left: {}", socket.id(), reason));
 * });
 * }</pre>
 *
 * <p>Finding a socket by id: {@link Namespace#socket(String)} (this server's sockets), or send to the room
 * named by the id, {@code io.to(id).emit(...)}, which also reaches a socket on another server of a cluster.
 */
public interface Socket extends RemoteSocket, SocketEmitter {

    /** @return the namespace */
    Namespace namespace();

    /**
     * Returns the Engine.IO connection this socket runs on, shared with the client's sockets in other
     * namespaces, as the reference's {@code socket.conn}.
     *
     * <p>What to do with it: read its {@link EngineIoSession#transport() transport} (polling until an upgrade,
     * then WebSocket), {@link EngineIoSession#handshake() handshake request}, {@link EngineIoSession#id() id}
     * (secret to its client: never send it to others) and {@link EngineIoSession#isOpen() state}; and
     * {@link EngineIoSession#close() close()} it, which is the reference's {@code socket.conn.close()}: every
     * socket of the connection leaves with {@link DisconnectReason#FORCED_CLOSE}, the client sees
     * {@code "transport close"} and reconnects by itself (compare {@link #disconnect(boolean)}). Do not
     * {@code send} on it, nor {@code attach} to it: its messages bypass Socket.IO and the client would read
     * them as malformed packets, and the attachment belongs to the server.
     *
     * @return the connection
     */
    EngineIoSession conn();

    /** @return whether the socket is connected */
    boolean connected();

    /** @return whether this socket was restored by connection state recovery */
    boolean recovered();

    /**
     * Attaches application data, visible to {@link #data()} and to {@code fetchSockets()}.
     *
     * @param data the data
     */
    void data(Object data);

    /**
     * Listens to an event.
     *
     * @param event the event name
     * @param listener the listener
     */
    void on(String event, EventListener listener);

    /**
     * Listens to an event that may ask for an acknowledgement.
     *
     * @param event the event name
     * @param listener the listener
     */
    void on(String event, AckEventListener listener);

    /**
     * Listens to the next occurrence of an event only: the listener is removed before it runs.
     *
     * @param event the event name
     * @param listener the listener
     */
    void once(String event, EventListener listener);

    /**
     * Listens to the next occurrence of an event that may ask for an acknowledgement: the listener is removed
     * before it runs.
     *
     * @param event the event name
     * @param listener the listener
     */
    void once(String event, AckEventListener listener);

    /**
     * Removes every listener of an event.
     *
     * @param event the event name
     */
    void off(String event);

    /**
     * Removes a listener added with {@link #on(String, EventListener)} or {@link #once(String, EventListener)},
     * found by identity (keep the reference you added); if it was added more than once, the last one added.
     * Removing one that is not there does nothing.
     *
     * @param event the event name
     * @param listener the listener
     */
    void off(String event, EventListener listener);

    /**
     * Removes a listener added with {@link #on(String, AckEventListener)} or
     * {@link #once(String, AckEventListener)}, as {@link #off(String, EventListener)} does.
     *
     * @param event the event name
     * @param listener the listener
     */
    void off(String event, AckEventListener listener);

    /**
     * Sees every incoming event, before its own listeners.
     *
     * @param listener the listener
     */
    void onAny(AnyListener listener);

    /**
     * Removes a listener added with {@link #onAny}, found by identity (the last one added, if added twice).
     *
     * @param listener the listener
     */
    void offAny(AnyListener listener);

    /** Removes every listener added with {@link #onAny}. */
    void offAny();

    /**
     * Adds a middleware that checks every incoming event after the {@code onAny} listeners and before the
     * event's own listeners; middlewares run in the order they were added.
     *
     * @param middleware the middleware
     */
    void use(EventMiddleware middleware);

    /**
     * Learns of the errors a middleware failed an event with (the reference's {@code socket.on("error")}).
     * Without one, such an error is logged at debug level.
     *
     * @param listener the listener
     */
    void onError(java.util.function.Consumer<Throwable> listener);

    /**
     * Sees every outgoing event of this socket (not broadcasts), before it is sent.
     *
     * @param listener the listener
     */
    void onAnyOutgoing(AnyListener listener);

    /**
     * Removes a listener added with {@link #onAnyOutgoing}, found by identity.
     *
     * @param listener the listener
     */
    void offAnyOutgoing(AnyListener listener);

    /** Removes every listener added with {@link #onAnyOutgoing}. */
    void offAnyOutgoing();

    /**
     * Learns that the socket is about to leave (it is still in its rooms).
     *
     * @param listener the listener
     */
    void onDisconnecting(DisconnectListener listener);

    /**
     * Learns that the socket left.
     *
     * @param listener the listener
     */
    void onDisconnect(DisconnectListener listener);

    /** @return an operator that sends to every socket of the namespace but this one */
    BroadcastOperator broadcast();

    /**
     * Targets rooms, excluding this socket. Every socket is in a room named by its {@link #id()}, so
     * {@code socket.to(otherId).emit(...)} sends a private message to another socket, wherever it is in a
     * cluster, as in the reference.
     *
     * @param rooms the rooms
     * @return the operator
     */
    BroadcastOperator to(String... rooms);

    /**
     * Targets rooms, excluding this socket.
     *
     * @param rooms the rooms
     * @return the operator
     */
    default BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /**
     * Broadcasts to the namespace except some rooms and this socket.
     *
     * @param rooms the rooms to leave out
     * @return the operator
     */
    BroadcastOperator except(String... rooms);

    /**
     * Disconnects from the namespace, as the reference's {@code socket.disconnect()}: the client gets a
     * DISCONNECT packet, sees {@code "io server disconnect"} and does not reconnect by itself; the connection
     * stays open for the client's other namespaces. This socket's disconnect listeners get
     * {@link DisconnectReason#SERVER_NAMESPACE_DISCONNECT}.
     */
    default void disconnect() {
        disconnect(false);
    }

    /**
     * Disconnects from the namespace, or with {@code close} every namespace of the connection and then the
     * connection itself, as the reference's {@code socket.disconnect(true)}: each of the client's sockets gets
     * a DISCONNECT packet ({@code "io server disconnect"}: no automatic reconnection) before the connection
     * closes. To drop the connection so that the client reconnects, close {@link #conn()} instead.
     *
     * @param close whether to close the whole connection
     */
    @Override
    void disconnect(boolean close);

    /**
     * Returns the executor this socket's listeners run on; tasks given to it are ordered with them.
     *
     * @return the serial executor
     */
    Executor executor();
}
