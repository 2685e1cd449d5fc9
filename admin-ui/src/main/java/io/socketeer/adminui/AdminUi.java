package io.socketeer.adminui;

import io.netty.channel.ChannelPipeline;
import io.socketeer.adminui.internal.AdminCommands;
import io.socketeer.adminui.internal.AuthMiddleware;
import io.socketeer.adminui.internal.EngineCounter;
import io.socketeer.adminui.internal.EventBuffer;
import io.socketeer.adminui.internal.NamespaceObserver;
import io.socketeer.adminui.internal.SocketSerializer;
import io.socketeer.adminui.internal.StatsEmitter;
import io.socketeer.adminui.internal.UiHandler;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5) for a Socketeer server, as the reference's
 * {@code instrument(io, options)}: an admin namespace ({@code /admin}) that tells authenticated admin
 * clients about the server (periodic statistics; in development mode every socket, room change and event)
 * and carries out their commands (disconnect, join, leave, emit; refused when read-only); and the UI's
 * pages, served by the server under {@code /admin/}.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create();
 * AdminUi admin = AdminUi.instrument(io, AdminUiOptions.builder()
 *         .auth(AdminAuth.basic("admin", "$2b$10$heqvAkYMez.Va6Et2uXInOnkCT6/uQj1brkrbyG3LpopDklcq7ZOS"))
 *         .build());
 * io.start(new InetSocketAddress(3000), admin::addHandlers).join();
 * // open http://localhost:3000/admin/ and connect to http://localhost:3000
 * }</pre>
 *
 * <p>What it does not report: the packets and bytes counts of the dashboard's histograms (the Engine.IO
 * layer exposes no per-packet hook), and the connection id and transport of sockets on other servers of a
 * cluster. Changes to a socket's data are not pushed; the UI sees the data as it was when the socket
 * connected or when the admin client logged in.
 *
 * <p>Threading: {@link #instrument} may be called before or after the server starts; sockets that connected
 * before it are not reported as they come and go. Every method may be called from any thread.
 */
public final class AdminUi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminUi.class);

    private final SocketIoServer io;
    private final AdminUiOptions options;
    private final Namespace namespace;
    private final StatsEmitter stats;
    private final NamespaceObserver observer;
    private final EngineCounter counter;
    private final ScheduledExecutorService timer;

    private AdminUi(SocketIoServer io, AdminUiOptions options) {
        this.io = io;
        this.options = options;
        this.namespace = io.of(options.namespaceName());
        boolean development = options.mode() == AdminUiMode.DEVELOPMENT;
        EventBuffer events = new EventBuffer();
        this.stats = new StatsEmitter(io, namespace, events, options.serverId());
        this.observer = new NamespaceObserver(namespace, development, Clock.systemUTC());
        this.counter = new EngineCounter(events, Clock.systemUTC());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "admin-ui-stats");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Adds the admin namespace to a server and starts sending statistics to it.
     *
     * @param io the server
     * @param options the options
     * @return the instrumentation, to serve the UI's pages ({@link #addHandlers}) and to stop it
     */
    public static AdminUi instrument(SocketIoServer io, AdminUiOptions options) {
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(options, "options");
        AdminUi admin = new AdminUi(io, options);
        admin.start();
        return admin;
    }

    private void start() {
        AuthMiddleware auth = null;
        if (options.auth() instanceof AdminAuth.Basic basic) {
            auth = new AuthMiddleware(basic);
            namespace.use(auth);
        } else {
            log.warn("the admin namespace {} has no authentication", options.namespaceName());
        }
        AdminCommands commands = new AdminCommands(io, options.readonly());
        List<String> features = features();
        AuthMiddleware sessions = auth;
        namespace.onConnection(socket -> {
            if (sessions != null) {
                String sessionId = sessions.takeNewSession(socket.id());
                if (sessionId != null) {
                    socket.emit("session", sessionId);
                }
            }
            commands.register(socket);
            socket.emit("config", Map.of("supportedFeatures", features));
            if (options.mode() == AdminUiMode.DEVELOPMENT) {
                allSockets().thenAccept(all -> socket.emit("all_sockets", all));
            }
        });
        io.addObserver(counter);
        io.onNewNamespace(observer::observe);
        io.namespaces().forEach(observer::observe);
        long every = options.statsInterval().toMillis();
        timer.scheduleAtFixedRate(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    /** The features the UI enables, as the reference names them. */
    private List<String> features() {
        List<String> f = new ArrayList<>();
        if (!options.readonly()) {
            f.addAll(List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT"));
        }
        f.add("AGGREGATED_EVENTS");
        if (options.mode() == AdminUiMode.DEVELOPMENT) {
            f.add("ALL_EVENTS");
        }
        return List.copyOf(f);
    }

    private CompletableFuture<List<Object>> allSockets() {
        List<CompletableFuture<List<Object>>> parts = new ArrayList<>();
        for (Namespace n : io.namespaces()) {
            parts.add(n.fetchSockets().thenApply(sockets -> {
                List<Object> serialized = new ArrayList<>(sockets.size());
                for (RemoteSocket s : sockets) {
                    serialized.add(SocketSerializer.serialize(s, n.name()));
                }
                return serialized;
            }));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Object> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }

    private void tick() {
        try {
            observer.checkTransports();
            stats.emit();
        } catch (RuntimeException e) {
            log.warn("admin statistics failed", e);
        }
    }

    /** @return the admin namespace */
    public Namespace namespace() {
        return namespace;
    }

    /** @return the options */
    public AdminUiOptions options() {
        return options;
    }

    /** @return the server's name in the UI: the {@code serverId} option, or the host name */
    public String serverId() {
        return stats.serverId();
    }

    /**
     * Adds the handler that serves the UI's pages at {@link AdminUiOptions#uiPath()} to a channel's pipeline,
     * after its HTTP codec; other requests pass on. Pass it to
     * {@link SocketIoServer#start(java.net.InetSocketAddress, java.util.function.Consumer)}, or call it
     * where you build your own pipeline. Does nothing when the path is {@code null}.
     *
     * @param pipeline a channel's pipeline
     * @throws IllegalStateException if the pages are missing from the class path (a jar built without them)
     */
    public void addHandlers(ChannelPipeline pipeline) {
        if (options.uiPath() == null) {
            return;
        }
        if (!UiHandler.available()) {
            throw new IllegalStateException("the admin UI's pages are not in the class path");
        }
        pipeline.addLast("socketio-admin-ui", new UiHandler(options.uiPath()));
    }

    /**
     * Stops sending statistics. The admin namespace stays; its clients get no more statistics.
     */
    @Override
    public void close() {
        counter.stop();
        timer.shutdownNow();
    }
}
