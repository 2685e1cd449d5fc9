package io.socketeer.socketio.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The namespaces of a server: those created with {@code of(name)} and those created on demand under a
 * dynamic namespace (a name predicate), checked in the order they were declared, as the reference does.
 */
public final class NamespaceRegistry {

    private final SocketIoCore core;
    private final Map<String, DefaultNamespace> namespaces = new ConcurrentHashMap<>();
    private final List<DefaultDynamicNamespace> dynamic = new CopyOnWriteArrayList<>();
    private final List<Consumer<DefaultNamespace>> creationListeners = new CopyOnWriteArrayList<>();

    NamespaceRegistry(SocketIoCore core) {
        this.core = core;
    }

    /**
     * Returns a namespace, creating it if needed.
     *
     * @param name the name; a missing leading slash is added
     * @return the namespace
     */
    public DefaultNamespace of(String name) {
        String n = name.startsWith("/") ? name : "/" + name;
        DefaultNamespace existing = namespaces.get(n);
        return existing != null ? existing : created(namespaces.computeIfAbsent(n, k -> new DefaultNamespace(core, k, null)));
    }

    /**
     * Listens for namespaces created from now on, by {@link #of} or on demand under a dynamic namespace.
     *
     * @param listener called on the thread that created the namespace, before that call returns it (so before
     *                 a client connecting to a new dynamic child joins it)
     */
    public void onCreated(Consumer<DefaultNamespace> listener) {
        creationListeners.add(listener);
    }

    /** Tells the listeners of a namespace just created, once: the first caller to see it unannounced does. */
    private DefaultNamespace created(DefaultNamespace ns) {
        if (ns.announce()) {
            for (Consumer<DefaultNamespace> l : creationListeners) {
                l.accept(ns);
            }
        }
        return ns;
    }

    /**
     * Declares a dynamic namespace.
     *
     * @param matcher accepts the names it serves
     * @param description a name for logs and {@code name()}
     * @return the dynamic namespace
     */
    public DefaultDynamicNamespace dynamic(Predicate<String> matcher, String description) {
        DefaultDynamicNamespace d = new DefaultDynamicNamespace(core, matcher, description);
        dynamic.add(d);
        return d;
    }

    /**
     * Finds the namespace a client asks for: an existing one, or a new child of the first dynamic namespace
     * that accepts the name.
     *
     * @param name the name
     * @return the namespace, or {@code null} if none serves it ("Invalid namespace")
     */
    public DefaultNamespace resolve(String name) {
        DefaultNamespace existing = namespaces.get(name);
        if (existing != null && existing.parent() == null) {
            return existing;
        }
        DefaultDynamicNamespace parent = existing != null ? existing.parent() : accepting(name);
        if (parent == null) {
            return null;
        }
        // A child counts the connections joining it, in the same atomic step that finds or makes it, so that
        // removing it once empty (removeIfIdle, under the same key) cannot take it from under one of them.
        return created(namespaces.compute(name, (k, v) -> {
            DefaultNamespace ns = v != null ? v : parent.createChild(k);
            ns.joinStarted();
            return ns;
        }));
    }

    private DefaultDynamicNamespace accepting(String name) {
        for (DefaultDynamicNamespace d : dynamic) {
            if (d.accepts(name)) {
                return d;
            }
        }
        return null;
    }

    /**
     * Removes a child of a dynamic namespace if no socket is in it and no connection is joining it, and closes
     * its adapter.
     *
     * @param child the child
     */
    void removeIfIdle(DefaultNamespace child) {
        namespaces.computeIfPresent(child.name(), (k, v) -> {
            if (v != child || !child.idle()) {
                return v;
            }
            // Closed under the name's key, before a child of the same name can be made (resolve makes it under
            // that key too): a cluster adapter drops its channels before the new one subscribes to them.
            child.parent().removeChild(child);
            child.adapter().close();
            return null;
        });
    }

    /** @return the namespaces that exist now */
    public List<DefaultNamespace> all() {
        return new ArrayList<>(namespaces.values());
    }

    void closeAdapters() {
        for (DefaultNamespace n : namespaces.values()) {
            n.adapter().close();
        }
    }
}
