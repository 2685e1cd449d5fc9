package io.socketeer.engineio;

import io.netty.handler.ssl.SslContext;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of an {@link EngineIoServer}. Defaults follow the reference server.
 *
 * <pre>{@code
 * EngineIoOptions options = EngineIoOptions.builder()
 *         .path("/engine.io/")
 *         .pingInterval(Duration.ofSeconds(25))
 *         .cors(CorsOptions.builder().allowOrigins("https://example.com").build())
 *         .build();
 * }</pre>
 */
public final class EngineIoOptions {

    private final String path;
    private final boolean pathExplicit;
    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final Duration upgradeTimeout;
    private final int maxPayload;
    private final Set<Transport> transports;
    private final boolean allowUpgrades;
    private final boolean allowEio3;
    private final CorsOptions cors;
    private final AllowRequest allowRequest;
    private final SessionCookie cookie;
    private final InitialHeaders initialHeaders;
    private final int maxHttpHeaderSize;
    private final int maxUrlLength;
    private final long maxBufferedBytes;
    private final SslContext sslContext;
    private final boolean perMessageDeflate;
    private final boolean httpCompression;
    private final boolean nativeTransport;
    private final int compressionThreshold;
    private final EngineIoObserver observer;

    private EngineIoOptions(Builder b) {
        this.path = b.path;
        this.pathExplicit = b.pathExplicit;
        this.pingInterval = b.pingInterval;
        this.pingTimeout = b.pingTimeout;
        this.upgradeTimeout = b.upgradeTimeout;
        this.maxPayload = b.maxPayload;
        this.transports = Set.copyOf(b.transports);
        this.allowUpgrades = b.allowUpgrades;
        this.allowEio3 = b.allowEio3;
        this.cors = b.cors;
        this.allowRequest = b.allowRequest;
        this.cookie = b.cookie;
        this.initialHeaders = b.initialHeaders;
        this.maxHttpHeaderSize = b.maxHttpHeaderSize;
        this.maxUrlLength = b.maxUrlLength;
        this.maxBufferedBytes = b.maxBufferedBytes;
        this.sslContext = b.sslContext;
        this.perMessageDeflate = b.perMessageDeflate;
        this.httpCompression = b.httpCompression;
        this.nativeTransport = b.nativeTransport;
        this.compressionThreshold = b.compressionThreshold;
        this.observer = b.observer;
    }

    /**
     * Returns the defaults.
     *
     * @return options with every default
     */
    public static EngineIoOptions defaults() {
        return builder().build();
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder preset with these options.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = path;
        b.pathExplicit = pathExplicit;
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.upgradeTimeout = upgradeTimeout;
        b.maxPayload = maxPayload;
        b.transports = EnumSet.copyOf(transports);
        b.allowUpgrades = allowUpgrades;
        b.allowEio3 = allowEio3;
        b.cors = cors;
        b.allowRequest = allowRequest;
        b.cookie = cookie;
        b.initialHeaders = initialHeaders;
        b.maxHttpHeaderSize = maxHttpHeaderSize;
        b.maxUrlLength = maxUrlLength;
        b.maxBufferedBytes = maxBufferedBytes;
        b.sslContext = sslContext;
        b.perMessageDeflate = perMessageDeflate;
        b.httpCompression = httpCompression;
        b.nativeTransport = nativeTransport;
        b.compressionThreshold = compressionThreshold;
        b.observer = observer;
        return b;
    }

    /**
     * @return the path prefix served, starting and ending with {@code /} (default {@code /engine.io/} for a bare
     *         Engine.IO server; a Socket.IO server serves {@code /socket.io/} unless a path was set)
     */
    public String path() {
        return path;
    }

    /**
     * Tells whether the path was chosen with {@link Builder#path(String)} rather than left at its default, so
     * that a Socket.IO server given these options keeps its own default path {@code /socket.io/} unless told
     * otherwise.
     *
     * @return whether {@link Builder#path(String)} was called
     */
    public boolean pathExplicit() {
        return pathExplicit;
    }

    /** @return how often the server pings a v4 client (default 25 s); also sent to v3 clients */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** @return how long the server waits for a pong after a ping before closing (default 20 s) */
    public Duration pingTimeout() {
        return pingTimeout;
    }

    /** @return how long an upgrade to WebSocket may take before it is abandoned (default 10 s) */
    public Duration upgradeTimeout() {
        return upgradeTimeout;
    }

    /** @return the largest accepted polling body or WebSocket message, in bytes (default 1,000,000) */
    public int maxPayload() {
        return maxPayload;
    }

    /** @return the transports clients may use (default both) */
    public Set<Transport> transports() {
        return transports;
    }

    /** @return whether polling sessions may upgrade to WebSocket (default {@code true}) */
    public boolean allowUpgrades() {
        return allowUpgrades;
    }

    /**
     * @return whether protocol v3 (socket.io-client 2.x, Engine.IO 3) is accepted (default {@code false}, as
     *         the reference's {@code allowEIO3}); when refused, such a client gets 400 with code 5
     */
    public boolean allowEio3() {
        return allowEio3;
    }

    /** @return the CORS settings, or {@code null} when CORS is off (the default) */
    public CorsOptions cors() {
        return cors;
    }

    /** @return the hook that may refuse handshakes, or {@code null} (the default) */
    public AllowRequest allowRequest() {
        return allowRequest;
    }

    /** @return the cookie naming a new session's id in its handshake's answer, or {@code null} (the default) */
    public SessionCookie cookie() {
        return cookie;
    }

    /** @return the hook that adds headers to a handshake's answer, or {@code null} */
    public InitialHeaders initialHeaders() {
        return initialHeaders;
    }

    /** @return what learns of refused handshakes and failed upgrades ({@link EngineIoObserver#NONE} by default) */
    public EngineIoObserver observer() {
        return observer;
    }

    /**
     * @return the largest accepted size of all HTTP request headers, in bytes (default 16 KiB, as Node's
     *         {@code maxHeaderSize}); larger ones are answered 431
     */
    public int maxHttpHeaderSize() {
        return maxHttpHeaderSize;
    }

    /**
     * @return the largest accepted request line (method, URL, version), in bytes (default 16 KiB, the
     *         reference's limit for its whole head); a longer one is answered 431, as the reference does
     */
    public int maxUrlLength() {
        return maxUrlLength;
    }

    /**
     * @return the most bytes queued for one client that does not read (stalled socket, no polling) before
     *         its session is closed with {@link CloseReason#BUFFER_FULL} (default 4 MiB)
     */
    public long maxBufferedBytes() {
        return maxBufferedBytes;
    }

    /**
     * @return the TLS context of a server started with {@code start()}, or {@code null} for plain HTTP
     *         (a mounted handler uses whatever the application's pipeline does)
     */
    public SslContext sslContext() {
        return sslContext;
    }

    /** @return whether WebSocket messages may be compressed with permessage-deflate (default off, as the reference) */
    public boolean perMessageDeflate() {
        return perMessageDeflate;
    }

    /** @return whether polling answers are gzip/deflate compressed when the client accepts it (default on) */
    public boolean httpCompression() {
        return httpCompression;
    }

    /**
     * @return whether a standalone server uses a Linux native transport when its library is on the class path
     *         (default on): epoll ({@code io.netty:netty-transport-native-epoll}, classifier
     *         {@code linux-x86_64} or {@code linux-aarch_64}), else io_uring
     *         ({@code io.netty:netty-transport-native-io_uring}); Java NIO otherwise. The system property
     *         {@code io.socketeer.transport} ({@code epoll}, {@code io_uring}, {@code nio}) forces one
     */
    public boolean nativeTransport() {
        return nativeTransport;
    }

    /** @return the smallest polling answer, in bytes, that is compressed (default 1024, as the reference) */
    public int compressionThreshold() {
        return compressionThreshold;
    }

    /** Builds {@link EngineIoOptions}. */
    public static final class Builder {
        private String path = "/engine.io/";
        private boolean pathExplicit;
        private Duration pingInterval = Duration.ofSeconds(25);
        private Duration pingTimeout = Duration.ofSeconds(20);
        private Duration upgradeTimeout = Duration.ofSeconds(10);
        private int maxPayload = 1_000_000;
        private Set<Transport> transports = EnumSet.allOf(Transport.class);
        private boolean allowUpgrades = true;
        private boolean allowEio3;
        private CorsOptions cors;
        private AllowRequest allowRequest;
        private SessionCookie cookie;
        private InitialHeaders initialHeaders;
        private int maxHttpHeaderSize = 16 * 1024;
        private int maxUrlLength = 16 * 1024;
        private long maxBufferedBytes = 4L * 1024 * 1024;
        private SslContext sslContext;
        private boolean perMessageDeflate;
        private boolean httpCompression = true;
        private boolean nativeTransport = true;
        private int compressionThreshold = 1024;
        private EngineIoObserver observer = EngineIoObserver.NONE;

        private Builder() {
        }

        /**
         * Sets the path prefix; a missing leading or trailing slash is added.
         *
         * @param value e.g. {@code /engine.io/}
         * @return this builder
         */
        public Builder path(String value) {
            String p = Objects.requireNonNull(value);
            if (!p.startsWith("/")) {
                p = "/" + p;
            }
            if (!p.endsWith("/")) {
                p = p + "/";
            }
            path = p;
            pathExplicit = true;
            return this;
        }

        /**
         * Sets the ping interval.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder pingInterval(Duration value) {
            pingInterval = positive(value, "pingInterval");
            return this;
        }

        /**
         * Sets the ping timeout.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder pingTimeout(Duration value) {
            pingTimeout = positive(value, "pingTimeout");
            return this;
        }

        /**
         * Sets the upgrade timeout.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder upgradeTimeout(Duration value) {
            upgradeTimeout = positive(value, "upgradeTimeout");
            return this;
        }

        /**
         * Sets the largest accepted polling body or WebSocket message.
         *
         * @param bytes a positive size
         * @return this builder
         */
        public Builder maxPayload(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxPayload must be positive");
            }
            maxPayload = bytes;
            return this;
        }

        /**
         * Sets the transports clients may use.
         *
         * @param allowed at least one transport
         * @return this builder
         */
        public Builder transports(Transport... allowed) {
            if (allowed.length == 0) {
                throw new IllegalArgumentException("at least one transport");
            }
            transports = EnumSet.of(allowed[0], allowed);
            return this;
        }

        /**
         * Allows or forbids upgrades from polling to WebSocket.
         *
         * @param value whether to allow
         * @return this builder
         */
        public Builder allowUpgrades(boolean value) {
            allowUpgrades = value;
            return this;
        }

        /**
         * Accepts or refuses protocol v3 clients (socket.io-client 2.x); off by default, as in the reference.
         *
         * @param value whether to accept
         * @return this builder
         */
        public Builder allowEio3(boolean value) {
            allowEio3 = value;
            return this;
        }

        /**
         * Turns CORS on for the polling transport.
         *
         * @param value the settings, or {@code null} for off
         * @return this builder
         */
        public Builder cors(CorsOptions value) {
            cors = value;
            return this;
        }

        /**
         * Sets a hook that may refuse handshakes.
         *
         * @param value the hook, or {@code null}
         * @return this builder
         */
        public Builder allowRequest(AllowRequest value) {
            allowRequest = value;
            return this;
        }

        /**
         * Sets the cookie that names a new session's id in the answer to its handshake (off by default, as in
         * the reference), e.g. {@code SessionCookie.defaults()} for {@code io=<sid>; Path=/; HttpOnly;
         * SameSite=Lax}, for load balancers that pin a client to its server by cookie.
         *
         * @param value the cookie, or {@code null} for none
         * @return this builder
         */
        public Builder cookie(SessionCookie value) {
            cookie = value;
            return this;
        }

        /**
         * Sets a hook that adds headers to the answer to each handshake (the reference's
         * {@code initial_headers}).
         *
         * @param value the hook, or {@code null}
         * @return this builder
         */
        public Builder initialHeaders(InitialHeaders value) {
            initialHeaders = value;
            return this;
        }

        /**
         * Sets what learns of refused handshakes and failed upgrades, e.g. for metrics.
         *
         * @param value the observer, or {@code null} for none
         * @return this builder
         */
        public Builder observer(EngineIoObserver value) {
            observer = value == null ? EngineIoObserver.NONE : value;
            return this;
        }

        /**
         * Sets the largest accepted size of the HTTP request headers.
         *
         * @param bytes a positive size
         * @return this builder
         */
        public Builder maxHttpHeaderSize(int bytes) {
            maxHttpHeaderSize = bytes;
            return this;
        }

        /**
         * Sets the largest accepted request line.
         *
         * @param bytes a positive size
         * @return this builder
         */
        public Builder maxUrlLength(int bytes) {
            maxUrlLength = bytes;
            return this;
        }

        /**
         * Sets the most bytes queued for a client that does not read before its session is closed.
         *
         * @param bytes a positive size
         * @return this builder
         */
        public Builder maxBufferedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxBufferedBytes must be positive");
            }
            maxBufferedBytes = bytes;
            return this;
        }

        /**
         * Serves HTTPS and WSS with this TLS context (a server context, e.g. from Netty's
         * {@code SslContextBuilder.forServer(cert, key)}), when the server is started with {@code start()}.
         *
         * @param value the context, or {@code null} for plain HTTP
         * @return this builder
         */
        public Builder sslContext(SslContext value) {
            if (value != null && value.isClient()) {
                throw new IllegalArgumentException("a server SslContext is needed");
            }
            sslContext = value;
            return this;
        }

        /**
         * Offers permessage-deflate on WebSocket connections (off by default: it costs CPU and memory per
         * connection). A mounted handler needs Netty's {@code WebSocketServerCompressionHandler} before it.
         *
         * @param value whether to offer it
         * @return this builder
         */
        public Builder perMessageDeflate(boolean value) {
            perMessageDeflate = value;
            return this;
        }

        /**
         * Compresses polling answers for clients that accept gzip or deflate.
         *
         * @param value whether to
         * @return this builder
         */
        public Builder httpCompression(boolean value) {
            httpCompression = value;
            return this;
        }

        /**
         * Lets a standalone server use a Linux native transport (epoll, else io_uring) when its library is on
         * the class path (it falls back to Java NIO when none is). Ignored when the engine is mounted in a pipeline of
         * the caller's.
         *
         * @param value whether to
         * @return this builder
         */
        public Builder nativeTransport(boolean value) {
            nativeTransport = value;
            return this;
        }

        /**
         * Sets the smallest polling answer that is compressed.
         *
         * @param bytes a size, 0 for all
         * @return this builder
         */
        public Builder compressionThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("compressionThreshold must not be negative");
            }
            compressionThreshold = bytes;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public EngineIoOptions build() {
            return new EngineIoOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
