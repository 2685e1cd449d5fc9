package io.socketeer.adminui.internal;

import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.Transport;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.SocketIoServer;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the {@code server_stats} message and sends it to the admin namespace.
 */
public final class StatsEmitter {

    private final SocketIoServer io;
    private final Namespace admin;
    private final EventBuffer events;
    private final String serverId;
    private final String hostname;
    private final long pid = ProcessHandle.current().pid();

    /**
     * Creates the emitter.
     *
     * @param io the server
     * @param admin the admin namespace
     * @param events the counted events, drained at each message
     * @param serverId the server's name, or {@code null} for the host name
     */
    public StatsEmitter(SocketIoServer io, Namespace admin, EventBuffer events, String serverId) {
        this.io = io;
        this.admin = admin;
        this.events = events;
        this.hostname = hostname();
        this.serverId = serverId != null ? serverId : hostname;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "localhost";
        }
    }

    /** @return the server's name in the statistics */
    public String serverId() {
        return serverId;
    }

    /**
     * Takes the statistics now, draining the counted events.
     *
     * @return the message
     */
    public ServerStats stats() {
        List<EngineIoSession> sessions = io.engine().sessions();
        int polling = 0;
        for (EngineIoSession s : sessions) {
            if (s.transport() == Transport.POLLING) {
                polling++;
            }
        }
        List<ServerStats.NamespaceDetails> namespaces = new ArrayList<>();
        for (Namespace n : io.namespaces()) {
            namespaces.add(new ServerStats.NamespaceDetails(n.name(), n.sockets().size()));
        }
        namespaces.sort(Comparator.comparing(ServerStats.NamespaceDetails::name));
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        return new ServerStats(serverId, hostname, pid, uptime, sessions.size(), polling, events.drain(),
                namespaces);
    }

    /** Sends the statistics to every admin client. */
    public void emit() {
        admin.emit("server_stats", stats());
    }
}
