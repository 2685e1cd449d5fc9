package io.socketeer.socketio;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * Namespaces created on demand: every name the predicate (or pattern) accepts becomes a child namespace when
 * a client first connects to it. Middlewares and connection listeners of the dynamic namespace apply to all
 * of its children, before their own; broadcasting from it reaches every child.
 */
public interface DynamicNamespace extends BroadcastOperator {

    /** @return a description of the names served, e.g. the pattern */
    String name();

    /**
     * Adds a middleware for every child.
     *
     * @param middleware the middleware
     * @return this
     */
    DynamicNamespace use(Middleware middleware);

    /**
     * Listens for sockets joining any child.
     *
     * @param listener the listener; {@code socket.namespace()} tells which child
     * @return this
     */
    DynamicNamespace onConnection(Consumer<Socket> listener);

    /** @return the children created so far */
    Collection<Namespace> children();
}
