package io.socketeer.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.adapter.AdapterFactory;
import io.socketeer.socketio.adapter.InMemoryAdapter;
import io.socketeer.socketio.parser.SocketIoParser;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Immutable settings of a {@link SocketIoServer}. Defaults follow the reference server.
 *
 * <pre>{@code
 * SocketIoOptions options = SocketIoOptions.builder()
 *         .engine(engine -> engine.maxPayload(100_000).pingInterval(Duration.ofSeconds(10)))
 *         .connectTimeout(Duration.ofSeconds(45))
 *         .build();
 * }</pre>
 *
 * <p>The path served is {@code /socket.io/}, the client's default, unless {@link Builder#path(String)} or
 * an explicit {@link EngineIoOptions.Builder#path(String)} says otherwise; Engine.IO settings given
 * without a path never move the server to the bare Engine.IO default {@code /engine.io/}.
 */
public final class SocketIoOptions {

    private final EngineIoOptions engine;
    private final Duration connectTimeout;
    private final Executor handlerExecutor;
    private final boolean handlersOnEventLoop;
    private final AdapterFactory adapterFactory;
    private final ObjectMapper mapper;
    private final int maxAttachments;
    private final boolean serveClient;
    private final int ioThreads;
    private final int maxNamespacesPerConnection;
    private final boolean cleanupEmptyChildNamespaces;
    private final int maxPendingAcks;
    private final int maxQueuedEvents;
    private final ConnectionStateRecovery recovery;
    private final SocketIoParser parser;
    private final SocketIoObserver observer;

    private SocketIoOptions(Builder b) {
        this.engine = b.engine;
        this.connectTimeout = b.connectTimeout;
        this.handlerExecutor = b.handlerExecutor;
        this.handlersOnEventLoop = b.handlersOnEventLoop;
        this.adapterFactory = b.adapterFactory;
        this.mapper = b.mapper;
        this.maxAttachments = b.maxAttachments;
        this.serveClient = b.serveClient;
        this.ioThreads = b.ioThreads;
        this.maxNamespacesPerConnection = b.maxNamespacesPerConnection;
        this.cleanupEmptyChildNamespaces = b.cleanupEmptyChildNamespaces;
        this.maxPendingAcks = b.maxPendingAcks;
        this.maxQueuedEvents = b.maxQueuedEvents;
        this.recovery = b.recovery;
        this.parser = b.parser;
        this.observer = b.observer;
    }

    /** @return every default */
    public static SocketIoOptions defaults() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the Engine.IO settings (path {@code /socket.io/} by default) */
    public EngineIoOptions engine() {
        return engine;
    }

    /** @return the path served, e.g. {@code /socket.io/}; the client's {@code path} option must name it */
    public String path() {
        return engine.path();
    }

    /** @return how long a connection may stay without joining any namespace (default 45 s) */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the executor for listeners and middlewares, or {@code null} for the server's own pool */
    public Executor handlerExecutor() {
        return handlerExecutor;
    }

    /** @return whether listeners run directly on the I/O threads (fastest; they must never block) */
    public boolean handlersOnEventLoop() {
        return handlersOnEventLoop;
    }

    /** @return creates each namespace's adapter (default in-memory) */
    public AdapterFactory adapterFactory() {
        return adapterFactory;
    }

    /** @return the Jackson mapper for arguments */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** @return the most binary attachments accepted in one packet (default 10, as the reference) */
    public int maxAttachments() {
        return maxAttachments;
    }

    /** @return whether the client bundle is served at {@code <path>socket.io.js} (default true) */
    public boolean serveClient() {
        return serveClient;
    }

    /** @return I/O threads of a server started with {@code start()}, 0 for Netty's default */
    public int ioThreads() {
        return ioThreads;
    }

    /** @return the most namespaces one connection may join (default 100); more are refused with connect_error */
    public int maxNamespacesPerConnection() {
        return maxNamespacesPerConnection;
    }

    /**
     * @return whether a child of a dynamic namespace is removed once no socket is in it or joining it (default
     *         false, as in the reference)
     */
    public boolean cleanupEmptyChildNamespaces() {
        return cleanupEmptyChildNamespaces;
    }

    /**
     * @return the most acknowledgements a socket may owe the server (default 10,000); past it
     *         {@code emitWithAck} fails at once instead of keeping more state
     */
    public int maxPendingAcks() {
        return maxPendingAcks;
    }

    /**
     * @return the most incoming events waiting for a socket's listeners (default 10,000); a client that
     *         floods faster than its listeners run is disconnected past it
     */
    public int maxQueuedEvents() {
        return maxQueuedEvents;
    }

    /** @return connection state recovery settings, or {@code null} when off (the default) */
    public ConnectionStateRecovery connectionStateRecovery() {
        return recovery;
    }

    /**
     * @return the packet format, or {@code null} (the default) for the text format of {@code socket.io-parser}
     */
    public SocketIoParser parser() {
        return parser;
    }

    /** @return what learns of connections, sockets, packets and acks ({@link SocketIoObserver#NONE} by default) */
    public SocketIoObserver observer() {
        return observer;
    }

    /** Builds {@link SocketIoOptions}. */
    public static final class Builder {
        static final String DEFAULT_PATH = "/socket.io/";

        private EngineIoOptions engine = EngineIoOptions.builder().path(DEFAULT_PATH).build();
        private String path;
        private Duration connectTimeout = Duration.ofSeconds(45);
        private Executor handlerExecutor;
        private boolean handlersOnEventLoop;
        private AdapterFactory adapterFactory = InMemoryAdapter::new;
        private ObjectMapper mapper = new ObjectMapper();
        private int maxAttachments = 10;
        private boolean serveClient = true;
        private int ioThreads;
        private ConnectionStateRecovery recovery;
        private int maxNamespacesPerConnection = 100;
        private boolean cleanupEmptyChildNamespaces;
        private int maxPendingAcks = 10_000;
        private int maxQueuedEvents = 10_000;
        private SocketIoParser parser;
        private SocketIoObserver observer = SocketIoObserver.NONE;

        private Builder() {
        }

        /**
         * Sets the Engine.IO settings. Settings built without {@link EngineIoOptions.Builder#path(String)}
         * keep this server at {@code /socket.io/} (not at the bare Engine.IO default {@code /engine.io/});
         * prefer {@link #engine(Consumer)}, which starts from this server's current settings.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder engine(EngineIoOptions value) {
            Objects.requireNonNull(value);
            engine = value.pathExplicit() ? value : value.toBuilder().path(DEFAULT_PATH).build();
            return this;
        }

        /**
         * Changes Engine.IO settings, starting from this builder's current ones (path {@code /socket.io/}
         * unless changed):
         * {@code builder.engine(e -> e.maxPayload(100_000).allowEio3(true).cors(cors))}.
         *
         * @param customizer changes the settings
         * @return this builder
         */
        public Builder engine(Consumer<EngineIoOptions.Builder> customizer) {
            EngineIoOptions.Builder b = engine.toBuilder();
            customizer.accept(b);
            engine = b.build();
            return this;
        }

        /**
         * Sets the path served (default {@code /socket.io/}); clients must name it in their {@code path}
         * option. It must agree with an explicit {@link EngineIoOptions.Builder#path(String)}, if any.
         *
         * @param value e.g. {@code /chat/socket.io/}; a missing leading or trailing slash is added
         * @return this builder
         */
        public Builder path(String value) {
            path = EngineIoOptions.builder().path(value).build().path();
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            connectTimeout = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Runs listeners and middlewares on this executor; each socket's still run one at a time, in order. The
         * default is the server's own pool of daemon platform threads, made as they are needed and kept a minute
         * when idle; {@code Executors.newVirtualThreadPerTaskExecutor()} runs them on virtual threads instead.
         *
         * @param value the executor
         * @return this builder
         */
        public Builder handlerExecutor(Executor value) {
            handlerExecutor = value;
            return this;
        }

        /**
         * Runs listeners directly on the I/O threads: the fastest option, for listeners that never block.
         *
         * @param value whether to
         * @return this builder
         */
        public Builder handlersOnEventLoop(boolean value) {
            handlersOnEventLoop = value;
            return this;
        }

        /**
         * Sets the adapter factory (e.g. a cluster adapter).
         *
         * @param value the factory
         * @return this builder
         */
        public Builder adapter(AdapterFactory value) {
            adapterFactory = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the Jackson mapper used for arguments.
         *
         * @param value the mapper
         * @return this builder
         */
        public Builder mapper(ObjectMapper value) {
            mapper = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the most binary attachments accepted in one packet.
         *
         * @param value a positive count
         * @return this builder
         */
        public Builder maxAttachments(int value) {
            maxAttachments = value;
            return this;
        }

        /**
         * Serves or not the JavaScript client bundle.
         *
         * @param value whether to serve it
         * @return this builder
         */
        public Builder serveClient(boolean value) {
            serveClient = value;
            return this;
        }

        /**
         * Sets the number of I/O threads of a started server.
         *
         * @param value 0 for Netty's default
         * @return this builder
         */
        public Builder ioThreads(int value) {
            ioThreads = value;
            return this;
        }

        /**
         * Turns connection state recovery on (or off with {@code null}).
         *
         * @param value the settings, e.g. {@link ConnectionStateRecovery#defaults()}
         * @return this builder
         */
        public Builder connectionStateRecovery(ConnectionStateRecovery value) {
            recovery = value;
            return this;
        }

        /**
         * Sets the most namespaces one connection may join.
         *
         * @param value a positive count
         * @return this builder
         */
        public Builder maxNamespacesPerConnection(int value) {
            maxNamespacesPerConnection = positive(value);
            return this;
        }

        /**
         * Removes a child of a dynamic namespace once its last socket has left and no connection is joining it
         * (the reference's {@code cleanupEmptyChildNamespaces}), with its adapter: its middlewares and listeners
         * added on the child itself go with it, the parent's apply again to the child made when a client next
         * asks for the name. With connection state recovery, a child its last socket left is kept through the
         * recovery window, so that a client coming back in time finds its session (the reference drops it). Off by default, as in the reference; turn it on when the names a dynamic namespace
         * accepts are many (one per document, per workspace), so that they do not pile up.
         *
         * @param value whether to remove empty children
         * @return this builder
         */
        public Builder cleanupEmptyChildNamespaces(boolean value) {
            cleanupEmptyChildNamespaces = value;
            return this;
        }

        /**
         * Sets the most acknowledgements a socket may owe the server.
         *
         * @param value a positive count
         * @return this builder
         */
        public Builder maxPendingAcks(int value) {
            maxPendingAcks = positive(value);
            return this;
        }

        /**
         * Sets the most incoming events waiting for a socket's listeners.
         *
         * @param value a positive count
         * @return this builder
         */
        public Builder maxQueuedEvents(int value) {
            maxQueuedEvents = positive(value);
            return this;
        }

        /**
         * Chooses the packet format, as the {@code parser} option of the JavaScript server does; clients must
         * use the same one. For MessagePack ({@code socket.io-msgpack-parser}) see the
         * {@code socketeer-msgpack-parser} module.
         *
         * @param value the parser, or {@code null} for the default text format of {@code socket.io-parser}
         * @return this builder
         */
        public Builder parser(SocketIoParser value) {
            parser = value;
            return this;
        }

        /**
         * Sets what learns of connections, sockets, packets and acknowledgements, e.g. for metrics; it also
         * observes the Engine.IO server unless {@link #engine(EngineIoOptions)} names another observer.
         *
         * @param value the observer, or {@code null} for none
         * @return this builder
         */
        public Builder observer(SocketIoObserver value) {
            observer = value == null ? SocketIoObserver.NONE : value;
            return this;
        }

        private static int positive(int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
            return value;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalStateException if {@link #path(String)} and the Engine.IO settings name different paths
         */
        public SocketIoOptions build() {
            if (path != null && !path.equals(engine.path())) {
                if (engine.pathExplicit() && !DEFAULT_PATH.equals(engine.path())) {
                    throw new IllegalStateException("conflicting paths: path(\"" + path
                            + "\") but the Engine.IO options name \"" + engine.path() + "\"");
                }
                engine = engine.toBuilder().path(path).build();
            }
            return new SocketIoOptions(this);
        }
    }
}
