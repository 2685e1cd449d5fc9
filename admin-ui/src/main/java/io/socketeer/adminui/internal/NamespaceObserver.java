package io.socketeer.adminui.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socketeer.engineio.Transport;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.Socket;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the server's namespaces for the admin namespace in development mode: reports to it each socket
 * that connects or disconnects, each room change and each event in and out (not those of the admin
 * namespace itself), and, at each {@link #checkTransports()}, the sockets whose connection upgraded. (The
 * dashboard's counts come from an {@link EngineCounter}, in every mode.)
 */
public final class NamespaceObserver {

    private final Namespace admin;
    private final boolean verbose;
    private final Clock clock;
    // weakly: a child of a dynamic namespace removed once empty (cleanupEmptyChildNamespaces) must not stay here
    private final Set<Namespace> observed =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    /** In development mode: each connected socket and the transport the UI last heard of. */
    private final Map<Socket, Transport> transports = new ConcurrentHashMap<>();

    /**
     * Creates the observer.
     *
     * @param admin the admin namespace
     * @param verbose whether to report every socket, room and event (development mode)
     * @param clock the clock of the timestamps
     */
    public NamespaceObserver(Namespace admin, boolean verbose, Clock clock) {
        this.admin = admin;
        this.verbose = verbose;
        this.clock = clock;
    }

    /**
     * Starts watching a namespace; does nothing the second time.
     *
     * @param nsp the namespace
     */
    public void observe(Namespace nsp) {
        if (!verbose || !observed.add(nsp)) {
            return;
        }
        nsp.onConnection(socket -> onConnection(nsp, socket));
        nsp.onRoomJoin((room, id) -> admin.emit("room_joined", nsp.name(), room, id, now()));
        nsp.onRoomLeave((room, id) -> admin.emit("room_left", nsp.name(), room, id, now()));
    }

    private void onConnection(Namespace nsp, Socket socket) {
        transports.put(socket, socket.conn().transport());
        admin.emit("socket_connected", SocketSerializer.serialize(socket, nsp.name()), now());
        if (nsp != admin) {
            socket.onAny((event, args) -> admin.emit("event_received", nsp.name(), socket.id(),
                    withName(event, args.raw()), now()));
            socket.onAnyOutgoing((event, args) -> admin.emit("event_sent", nsp.name(), socket.id(),
                    withName(event, args.raw()), now()));
        }
        socket.onDisconnect(reason -> {
            transports.remove(socket);
            admin.emit("socket_disconnected", nsp.name(), socket.id(), reason.reason(), now());
        });
    }

    /** Tells the UI of the sockets whose connection changed transport (upgraded) since the last check. */
    public void checkTransports() {
        transports.forEach((socket, known) -> {
            Transport current = socket.conn().transport();
            if (current != known && socket.connected() && transports.replace(socket, known, current)) {
                admin.emit("socket_updated", new TransportUpdate(socket.id(), socket.namespace().name(),
                        current.wireName()));
            }
        });
    }

    /** The {@code socket_updated} message of an upgrade. */
    private record TransportUpdate(String id, String nsp, String transport) {
    }

    private static ArrayNode withName(String event, ArrayNode args) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode(args.size() + 1);
        all.add(event);
        all.addAll(args);
        return all;
    }

    private String now() {
        return Timestamps.iso(clock.instant());
    }
}
