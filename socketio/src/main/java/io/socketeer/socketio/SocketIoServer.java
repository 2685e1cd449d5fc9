package io.socketeer.socketio;

import io.netty.channel.ChannelPipeline;
import io.socketeer.engineio.EngineIoObserver;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.socketio.internal.DefaultNamespace;
import io.socketeer.socketio.internal.SocketIoCore;
import io.socketeer.socketio.internal.netty.ClientBundleHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A Socket.IO server (protocol v5 for socket.io-client 3.x/4.x, v4 for 2.x) on an Engine.IO server, under
 * {@code /socket.io/} by default. As a {@link BroadcastOperator} it reaches the main namespace {@code /}.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create();
 * io.onConnection(socket -> socket.on("chat", args -> io.emit("chat", args.get(0))));
 * io.start(3000).join();
 * }</pre>
 */
public final class SocketIoServer implements BroadcastOperator {

    private static final Logger log = LoggerFactory.getLogger(SocketIoServer.class);

    private final SocketIoCore core;
    private final EngineIoServer engine;
    private final DefaultNamespace main;

    private SocketIoServer(SocketIoOptions options) {
        this.core = new SocketIoCore(options);
        EngineIoOptions engineOptions = options.engine();
        if (options.observer() != SocketIoObserver.NONE && engineOptions.observer() == EngineIoObserver.NONE) {
            engineOptions = engineOptions.toBuilder().observer(options.observer()).build();
        }
        this.engine = EngineIoServer.create(engineOptions, core);
        this.main = core.namespaces().of("/");
    }

    /**
     * Creates a server with the defaults.
     *
     * @return the server
     */
    public static SocketIoServer create() {
        return create(SocketIoOptions.defaults());
    }

    /**
     * Creates a server.
     *
     * @param options the options
     * @return the server
     */
    public static SocketIoServer create(SocketIoOptions options) {
        return new SocketIoServer(Objects.requireNonNull(options));
    }

    /** @return the options */
    public SocketIoOptions options() {
        return core.options();
    }

    /** @return the Engine.IO server underneath */
    public EngineIoServer engine() {
        return engine;
    }

    /**
     * Finds a socket of the main namespace connected to this server; see {@link Namespace#socket(String)}.
     * To reach a socket wherever it is in a cluster, send to the room named by its id: {@code to(id)}.
     *
     * @param id the socket id
     * @return the socket, or empty
     */
    public java.util.Optional<Socket> socket(String id) {
        return main.socket(id);
    }

    /** @return the main namespace {@code /} */
    public Namespace sockets() {
        return main;
    }

    /**
     * Returns a namespace, creating it if needed.
     *
     * @param name e.g. {@code /chat}
     * @return the namespace
     */
    public Namespace of(String name) {
        return core.namespaces().of(name);
    }

    /**
     * Returns the namespaces that exist now: the main one, those created with {@link #of(String)}, and the
     * children of dynamic namespaces created so far.
     *
     * @return a snapshot, in no particular order
     */
    public List<Namespace> namespaces() {
        return new ArrayList<>(core.namespaces().all());
    }

    /**
     * Adds an observer of connections and packets, besides the one in the options: for a monitoring tool
     * attached once the server exists (the admin UI counts the packets and bytes of its dashboard so). Only
     * the Socket.IO callbacks reach it; the Engine.IO ones ({@code handshakeRefused}, {@code upgradeFailed})
     * go to the options' observer alone.
     *
     * @param observer called on the connections' event loops; must be fast and not block
     * @return this server
     */
    public SocketIoServer addObserver(SocketIoObserver observer) {
        core.addObserver(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /**
     * Listens for namespaces created from now on, by {@link #of(String)} or on demand under a dynamic
     * namespace, as the reference's {@code io.on("new_namespace")}; with {@link #namespaces()} a tool can
     * observe every namespace.
     *
     * @param listener called on the thread that created the namespace, before that call returns it (so
     *                 before the client whose connection created a dynamic child joins it); must not block
     * @return this server
     */
    public SocketIoServer onNewNamespace(Consumer<Namespace> listener) {
        core.namespaces().onCreated(listener::accept);
        return this;
    }

    /**
     * Declares namespaces created on demand for every name the predicate accepts.
     *
     * @param matcher the name check
     * @return the dynamic namespace
     */
    public DynamicNamespace of(Predicate<String> matcher) {
        return core.namespaces().dynamic(matcher, matcher.toString());
    }

    /**
     * Declares namespaces created on demand for every name the pattern matches entirely.
     *
     * @param pattern e.g. {@code ^/room-\d+$}
     * @return the dynamic namespace
     */
    public DynamicNamespace of(Pattern pattern) {
        return core.namespaces().dynamic(name -> pattern.matcher(name).matches(), pattern.pattern());
    }

    /**
     * Adds a middleware to the main namespace.
     *
     * @param middleware the middleware
     * @return this server
     */
    public SocketIoServer use(Middleware middleware) {
        main.use(middleware);
        return this;
    }

    /**
     * Listens for sockets joining the main namespace.
     *
     * @param listener the listener
     * @return this server
     */
    public SocketIoServer onConnection(Consumer<Socket> listener) {
        main.onConnection(listener);
        return this;
    }

    /**
     * Adds this server's handlers to your own pipeline, after its {@code HttpServerCodec}: the client bundle
     * (when {@link SocketIoOptions#serveClient()}) and the Socket.IO path. Other requests pass on to the
     * handlers you add after them. Call once per channel.
     *
     * @param pipeline a channel's pipeline
     */
    public void addHandlers(ChannelPipeline pipeline) {
        if (core.options().serveClient()) {
            pipeline.addLast("socketio-client", new ClientBundleHandler(core.options().engine().path()));
        }
        pipeline.addLast("socketio", engine.newHttpHandler());
    }

    /**
     * Adds this server's handlers to a pipeline another server owns, right after one of its handlers (its
     * HTTP codec), so they see each request before that server's own handlers do: Socket.IO requests are
     * answered here and never reach them, every other request passes on unchanged. This is how the Spring
     * Boot starter serves Socket.IO on the port of a Reactor Netty server
     * ({@code reactor.left.httpCodec}). Call once per channel, from its initializer.
     *
     * @param pipeline a new channel's pipeline
     * @param baseName the name of the handler to add after, an {@code HttpServerCodec} (or a handler after it)
     * @throws java.util.NoSuchElementException if the pipeline has no handler of that name
     */
    public void addHandlers(ChannelPipeline pipeline, String baseName) {
        pipeline.addAfter(baseName, "socketio", engine.newHttpHandler());
        if (core.options().serveClient()) {
            pipeline.addAfter(baseName, "socketio-client",
                    new ClientBundleHandler(core.options().engine().path()));
        }
    }

    /**
     * Listens on all interfaces.
     *
     * @param port the port, 0 for any free port
     * @return completes with the bound address
     */
    public CompletableFuture<InetSocketAddress> start(int port) {
        return start(new InetSocketAddress(port));
    }

    /**
     * Listens on an address.
     *
     * @param address the address
     * @return completes with the bound address
     */
    public CompletableFuture<InetSocketAddress> start(InetSocketAddress address) {
        return start(address, p -> { });
    }

    /**
     * Listens on an address with handlers of yours before the Socket.IO handler (other routes, static
     * files).
     *
     * @param address the address
     * @param before adds your handlers to each new channel, after the HTTP codec
     * @return completes with the bound address once the server listens and its adapters are {@linkplain #ready()
     *         ready}
     */
    public CompletableFuture<InetSocketAddress> start(InetSocketAddress address, Consumer<ChannelPipeline> before) {
        return engine.start(address, core.options().ioThreads(), p -> {
            before.accept(p);
            if (core.options().serveClient()) {
                p.addLast("socketio-client", new ClientBundleHandler(core.options().engine().path()));
            }
        }).thenCompose(bound -> ready().thenApply(v -> {
            log.info("Socket.IO server listening on {}, path {}", bound, core.options().path());
            return bound;
        }));
    }

    /**
     * Tells when the adapters of the namespaces created so far are ready: a cluster adapter receives the other
     * servers' messages (its subscriptions are confirmed). {@link #start} already waits for it; call it when
     * you mount the server in your own pipeline with {@link #addHandlers} and report readiness yourself.
     *
     * @return completes when every adapter is ready; fails as the first adapter that cannot be
     */
    public CompletableFuture<Void> ready() {
        return CompletableFuture.allOf(core.namespaces().all().stream()
                .map(ns -> ns.adapter().ready())
                .toArray(CompletableFuture<?>[]::new));
    }

    /** @return the address the server listens on, or {@code null} */
    public InetSocketAddress address() {
        return engine.address();
    }

    /**
     * Disconnects every client ("server shutting down") and stops listening.
     *
     * @return completes when done
     */
    public CompletableFuture<Void> close() {
        return engine.close().whenComplete((v, e) -> core.shutdown());
    }

    /**
     * Sends an event to the main namespace of the other servers of a cluster; see
     * {@link Namespace#serverSideEmit}.
     *
     * @param event the name
     * @param args the arguments
     */
    public void serverSideEmit(String event, Object... args) {
        main.serverSideEmit(event, args);
    }

    /**
     * Sends an event to the main namespace of the other servers of a cluster and collects their answers; see
     * {@link Namespace#serverSideEmitWithAck}.
     *
     * @param event the name
     * @param args the arguments
     * @return the answers, one per other server
     */
    public CompletableFuture<List<EventArgs>> serverSideEmitWithAck(String event, Object... args) {
        return main.serverSideEmitWithAck(event, args);
    }

    /**
     * Listens for an event another server sent to the main namespace; see {@link Namespace#onServerSideEmit}.
     *
     * @param event the name
     * @param listener the listener
     * @return this server
     */
    public SocketIoServer onServerSideEmit(String event, AckEventListener listener) {
        main.onServerSideEmit(event, listener);
        return this;
    }

    // ------------------------------------------------------------ BroadcastOperator on "/"

    @Override
    public BroadcastOperator to(String... rooms) {
        return main.to(rooms);
    }

    @Override
    public BroadcastOperator except(String... rooms) {
        return main.except(rooms);
    }

    @Override
    public BroadcastOperator asVolatile() {
        return main.asVolatile();
    }

    @Override
    public BroadcastOperator local() {
        return main.local();
    }

    @Override
    public BroadcastOperator compress(boolean compress) {
        return main.compress(compress);
    }

    @Override
    public BroadcastOperator timeout(Duration timeout) {
        return main.timeout(timeout);
    }

    @Override
    public void emit(String event, Object... args) {
        main.emit(event, args);
    }

    @Override
    public CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args) {
        return main.emitWithAck(event, args);
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return main.fetchSockets();
    }

    @Override
    public void socketsJoin(String... rooms) {
        main.socketsJoin(rooms);
    }

    @Override
    public void socketsLeave(String... rooms) {
        main.socketsLeave(rooms);
    }

    @Override
    public void disconnectSockets(boolean close) {
        main.disconnectSockets(close);
    }
}
