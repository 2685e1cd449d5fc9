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
        if (existing != null) {
            return existing;
        }
        for (DefaultDynamicNamespace d : dynamic) {
            if (d.accepts(name)) {
                return created(namespaces.computeIfAbsent(name, k -> d.createChild(k)));
            }
        }
        return null;
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
