package io.socketeer.socketio;

import io.socketeer.socketio.adapter.Adapter;

import java.util.Map;
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

    /** @return the sockets connected to this namespace on this server, by id */
    Map<String, Socket> sockets();

    /** @return the adapter holding this namespace's rooms */
    Adapter adapter();
}
