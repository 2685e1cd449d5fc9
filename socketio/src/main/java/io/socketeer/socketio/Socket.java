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
 *     socket.onDisconnect(reason -> log.info("{} left: {}", socket.id(), reason));
 * });
 * }</pre>
 */
public interface Socket extends RemoteSocket, SocketEmitter {

    /** @return the namespace */
    Namespace namespace();

    /**
     * Returns the Engine.IO connection this socket runs on, shared with the client's sockets in other
     * namespaces, as the reference's {@code socket.conn}: its transport, its handshake request. Sending on it
     * directly bypasses Socket.IO; use it to observe.
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
     * Removes every listener of an event.
     *
     * @param event the event name
     */
    void off(String event);

    /**
     * Sees every incoming event, before its own listeners.
     *
     * @param listener the listener
     */
    void onAny(AnyListener listener);

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
     * Targets rooms, excluding this socket.
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

    /** Disconnects from the namespace; the connection stays open for other namespaces. */
    default void disconnect() {
        disconnect(false);
    }

    /**
     * Returns the executor this socket's listeners run on; tasks given to it are ordered with them.
     *
     * @return the serial executor
     */
    Executor executor();
}
