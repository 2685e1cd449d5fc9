package io.socketeer.socketio.internal;

import io.socketeer.socketio.BroadcastOperator;
import io.socketeer.socketio.DynamicNamespace;
import io.socketeer.socketio.Middleware;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.Socket;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A dynamic namespace: a name predicate, shared middlewares and listeners, and the children created so far.
 */
public final class DefaultDynamicNamespace extends DelegatingBroadcastOperator implements DynamicNamespace {

    private final SocketIoCore core;
    private final Predicate<String> matcher;
    private final String description;
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> listeners = new CopyOnWriteArrayList<>();
    private final List<DefaultNamespace> children = new CopyOnWriteArrayList<>();
    private final DefaultBroadcastOperator all;

    DefaultDynamicNamespace(SocketIoCore core, Predicate<String> matcher, String description) {
        this.core = core;
        this.matcher = matcher;
        this.description = description;
        this.all = new DefaultBroadcastOperator(() -> List.copyOf(children), Set.of(), Set.of(), false, false, true,
                null);
    }

    boolean accepts(String name) {
        try {
            return matcher.test(name);
        } catch (RuntimeException e) {
            return false;
        }
    }

    DefaultNamespace createChild(String name) {
        DefaultNamespace child = new DefaultNamespace(core, name, this);
        children.add(child);
        return child;
    }

    void removeChild(DefaultNamespace child) {
        children.remove(child);
    }

    List<Middleware> middlewares() {
        return middlewares;
    }

    List<Consumer<Socket>> connectionListeners() {
        return listeners;
    }

    @Override
    public String name() {
        return description;
    }

    @Override
    public DynamicNamespace use(Middleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    @Override
    public DynamicNamespace onConnection(Consumer<Socket> listener) {
        listeners.add(listener);
        return this;
    }

    @Override
    public Collection<Namespace> children() {
        return new ArrayList<>(children);
    }

    @Override
    protected BroadcastOperator all() {
        return all;
    }
}
