package io.socketeer.spring.boot;

import io.socketeer.engineio.SessionCookie;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code socketeer.*} properties of the auto-configured {@code SocketIoServer}. Defaults follow the
 * reference JavaScript server; anything they do not cover goes through a {@link SocketIoOptionsCustomizer}
 * bean.
 */
@ConfigurationProperties("socketeer")
public class SocketeerProperties {

    /** Whether to auto-configure a Socket.IO server at all. */
    private boolean enabled = true;

    /**
     * Where Socket.IO is served: "auto" shares the port of a WebFlux application on Reactor Netty and opens
     * its own port otherwise; "same-port" requires the WebFlux application; "own-port" always listens on
     * socketeer.port.
     */
    private ServerMode mode = ServerMode.AUTO;

    /** Port of the own-port mode, 0 for any free port. */
    private int port = 3000;

    /** Address the own-port mode binds to; all interfaces when unset. */
    private String host;

    /** Path prefix of the Engine.IO requests, as the JavaScript client's "path" option. */
    private String path = "/socket.io/";

    /** Interval between the server's pings. */
    private Duration pingInterval = Duration.ofSeconds(25);

    /** How long the server waits for a pong before closing the connection. */
    private Duration pingTimeout = Duration.ofSeconds(20);

    /** How long a connection may stay without joining any namespace. */
    private Duration connectTimeout = Duration.ofSeconds(45);

    /** Largest message or polling body accepted, in bytes. */
    private int maxPayload = 1_000_000;

    /** Transports clients may use: polling, websocket. */
    private List<String> transports = new ArrayList<>(List.of("polling", "websocket"));

    /** Whether clients may upgrade from polling to WebSocket. */
    private boolean allowUpgrades = true;

    /** Whether socket.io-client 2.x (Engine.IO protocol 3) may connect. */
    private boolean allowEio3;

    /** Whether the JavaScript client bundle is served at {path}socket.io.js. */
    private boolean serveClient = true;

    /** Whether a child of a dynamic namespace is removed once its last socket has left. */
    private boolean cleanupEmptyChildNamespaces = false;

    /**
     * Whether WebSocket frames are compressed (permessage-deflate). Own-port mode only: in the same-port mode
     * the HTTP server's pipeline is shared with the application's own WebSocket endpoints.
     */
    private boolean perMessageDeflate = false;

    /** Whether polling responses are compressed (gzip or deflate) above the compression threshold. */
    private boolean httpCompression = true;

    /** Whether listeners of events run directly on the I/O threads (they must then never block). */
    private boolean handlersOnEventLoop = false;

    /** Packet format: "default" (socket.io-parser) or "msgpack" (needs socketeer-msgpack-parser). */
    private String parser = "default";

    /** Cluster adapter: "memory" (one server) or "redis" (needs socketeer-redis-adapter). */
    private String adapter = "memory";

    private final Cors cors = new Cors();

    private final Cookie cookie = new Cookie();

    private final Recovery connectionStateRecovery = new Recovery();

    private final AdminUi adminUi = new AdminUi();

    private final Redis redis = new Redis();

    /** @return whether the server is configured */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether the server is configured */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return where Socket.IO is served */
    public ServerMode getMode() {
        return mode;
    }

    /** @param mode where Socket.IO is served */
    public void setMode(ServerMode mode) {
        this.mode = mode;
    }

    /** @return the port of the own-port mode */
    public int getPort() {
        return port;
    }

    /** @param port the port of the own-port mode */
    public void setPort(int port) {
        this.port = port;
    }

    /** @return the bind address of the own-port mode, or {@code null} */
    public String getHost() {
        return host;
    }

    /** @param host the bind address of the own-port mode */
    public void setHost(String host) {
        this.host = host;
    }

    /** @return the path prefix */
    public String getPath() {
        return path;
    }

    /** @param path the path prefix */
    public void setPath(String path) {
        this.path = path;
    }

    /** @return the ping interval */
    public Duration getPingInterval() {
        return pingInterval;
    }

    /** @param pingInterval the ping interval */
    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    /** @return the ping timeout */
    public Duration getPingTimeout() {
        return pingTimeout;
    }

    /** @param pingTimeout the ping timeout */
    public void setPingTimeout(Duration pingTimeout) {
        this.pingTimeout = pingTimeout;
    }

    /** @return the connect timeout */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** @param connectTimeout the connect timeout */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** @return the largest payload in bytes */
    public int getMaxPayload() {
        return maxPayload;
    }

    /** @param maxPayload the largest payload in bytes */
    public void setMaxPayload(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** @return the allowed transports */
    public List<String> getTransports() {
        return transports;
    }

    /** @param transports the allowed transports */
    public void setTransports(List<String> transports) {
        this.transports = transports;
    }

    /** @return whether upgrades are allowed */
    public boolean isAllowUpgrades() {
        return allowUpgrades;
    }

    /** @param allowUpgrades whether upgrades are allowed */
    public void setAllowUpgrades(boolean allowUpgrades) {
        this.allowUpgrades = allowUpgrades;
    }

    /** @return whether Engine.IO protocol 3 clients may connect */
    public boolean isAllowEio3() {
        return allowEio3;
    }

    /** @param allowEio3 whether Engine.IO protocol 3 clients may connect */
    public void setAllowEio3(boolean allowEio3) {
        this.allowEio3 = allowEio3;
    }

    /** @return whether the client bundle is served */
    public boolean isServeClient() {
        return serveClient;
    }

    /** @param serveClient whether the client bundle is served */
    public void setServeClient(boolean serveClient) {
        this.serveClient = serveClient;
    }

    /** @return whether empty children of dynamic namespaces are removed */
    public boolean isCleanupEmptyChildNamespaces() {
        return cleanupEmptyChildNamespaces;
    }

    /** @param cleanupEmptyChildNamespaces whether empty children of dynamic namespaces are removed */
    public void setCleanupEmptyChildNamespaces(boolean cleanupEmptyChildNamespaces) {
        this.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
    }

    /** @return whether WebSocket frames are compressed */
    public boolean isPerMessageDeflate() {
        return perMessageDeflate;
    }

    /** @param perMessageDeflate whether WebSocket frames are compressed */
    public void setPerMessageDeflate(boolean perMessageDeflate) {
        this.perMessageDeflate = perMessageDeflate;
    }

    /** @return whether polling responses are compressed */
    public boolean isHttpCompression() {
        return httpCompression;
    }

    /** @param httpCompression whether polling responses are compressed */
    public void setHttpCompression(boolean httpCompression) {
        this.httpCompression = httpCompression;
    }

    /** @return whether listeners run on the I/O threads */
    public boolean isHandlersOnEventLoop() {
        return handlersOnEventLoop;
    }

    /** @param handlersOnEventLoop whether listeners run on the I/O threads */
    public void setHandlersOnEventLoop(boolean handlersOnEventLoop) {
        this.handlersOnEventLoop = handlersOnEventLoop;
    }

    /** @return the packet format */
    public String getParser() {
        return parser;
    }

    /** @param parser the packet format: default or msgpack */
    public void setParser(String parser) {
        this.parser = parser;
    }

    /** @return the adapter */
    public String getAdapter() {
        return adapter;
    }

    /** @param adapter the adapter: memory or redis */
    public void setAdapter(String adapter) {
        this.adapter = adapter;
    }

    /** @return the CORS settings */
    public Cors getCors() {
        return cors;
    }

    /** @return the session cookie settings */
    public Cookie getCookie() {
        return cookie;
    }

    /** @return the connection state recovery settings */
    public Recovery getConnectionStateRecovery() {
        return connectionStateRecovery;
    }

    /** @return the admin UI settings */
    public AdminUi getAdminUi() {
        return adminUi;
    }

    /** @return the Redis settings */
    public Redis getRedis() {
        return redis;
    }

    /** Where Socket.IO is served. */
    public enum ServerMode {
        /** The WebFlux application's port when it runs on Reactor Netty, socketeer.port otherwise. */
        AUTO,
        /** The WebFlux application's port; fails to start without a Reactor Netty web server. */
        SAME_PORT,
        /** Its own port, socketeer.port. */
        OWN_PORT
    }

    /** Cross-origin settings of the Engine.IO requests. */
    public static class Cors {

        /** Origins allowed to connect from a browser, e.g. https://example.com; "*" for any. None by default. */
        private List<String> allowedOrigins = new ArrayList<>();

        /** Whether browsers may send cookies and credentials with the requests. */
        private boolean allowCredentials = false;

        /** @return the allowed origins */
        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        /** @param allowedOrigins the allowed origins */
        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        /** @return whether credentials are allowed */
        public boolean isAllowCredentials() {
            return allowCredentials;
        }

        /** @param allowCredentials whether credentials are allowed */
        public void setAllowCredentials(boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
        }
    }

    /**
     * The cookie that names a new session's id in its handshake's answer, for load balancers that pin a client to
     * its server by cookie. Off unless a name is set.
     */
    public static class Cookie {

        /** The cookie's name, e.g. io (the reference's); none by default, which sets no cookie. */
        private String name;

        /** The cookie's Path. */
        private String path = "/";

        /** Whether page scripts may not read it. */
        private boolean httpOnly = true;

        /** Whether the browser sends it over HTTPS only. */
        private boolean secure = false;

        /** Its SameSite attribute: strict, lax or none (none needs secure). */
        private SessionCookie.SameSite sameSite = SessionCookie.SameSite.LAX;

        /** @return the name, or null for no cookie */
        public String getName() {
            return name;
        }

        /** @param name the name */
        public void setName(String name) {
            this.name = name;
        }

        /** @return the path */
        public String getPath() {
            return path;
        }

        /** @param path the path */
        public void setPath(String path) {
            this.path = path;
        }

        /** @return whether HttpOnly */
        public boolean isHttpOnly() {
            return httpOnly;
        }

        /** @param httpOnly whether HttpOnly */
        public void setHttpOnly(boolean httpOnly) {
            this.httpOnly = httpOnly;
        }

        /** @return whether Secure */
        public boolean isSecure() {
            return secure;
        }

        /** @param secure whether Secure */
        public void setSecure(boolean secure) {
            this.secure = secure;
        }

        /** @return the SameSite attribute */
        public SessionCookie.SameSite getSameSite() {
            return sameSite;
        }

        /** @param sameSite the SameSite attribute */
        public void setSameSite(SessionCookie.SameSite sameSite) {
            this.sameSite = sameSite;
        }
    }

    /** Connection state recovery: a client that reconnects in time gets its id, rooms and missed packets. */
    public static class Recovery {

        /** Whether connection state recovery is on. */
        private boolean enabled = false;

        /** How long after a disconnection the state is kept. */
        private Duration maxDisconnectionDuration = Duration.ofMinutes(2);

        /** Whether a recovered socket skips the middlewares. */
        private boolean skipMiddlewares = true;

        /** @return whether recovery is on */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether recovery is on */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return how long state is kept */
        public Duration getMaxDisconnectionDuration() {
            return maxDisconnectionDuration;
        }

        /** @param maxDisconnectionDuration how long state is kept */
        public void setMaxDisconnectionDuration(Duration maxDisconnectionDuration) {
            this.maxDisconnectionDuration = maxDisconnectionDuration;
        }

        /** @return whether recovered sockets skip the middlewares */
        public boolean isSkipMiddlewares() {
            return skipMiddlewares;
        }

        /** @param skipMiddlewares whether recovered sockets skip the middlewares */
        public void setSkipMiddlewares(boolean skipMiddlewares) {
            this.skipMiddlewares = skipMiddlewares;
        }
    }

    /** The Socket.IO admin UI (needs socketeer-admin-ui). */
    public static class AdminUi {

        /** Whether the admin namespace is added. */
        private boolean enabled = false;

        /** Namespace the admin UI connects to. */
        private String namespace = "/admin";

        /** User name of the admin UI's basic authentication; without one the namespace is open. */
        private String username;

        /** Bcrypt hash of the admin UI's password ($2a$, $2b$ or $2y$). */
        private String passwordHash;

        /** Whether the admin UI may only watch (no disconnect, join, leave or emit). */
        private boolean readOnly = false;

        /** @return whether the admin namespace is added */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the admin namespace is added */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the admin namespace */
        public String getNamespace() {
            return namespace;
        }

        /** @param namespace the admin namespace */
        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        /** @return the user name, or {@code null} */
        public String getUsername() {
            return username;
        }

        /** @param username the user name */
        public void setUsername(String username) {
            this.username = username;
        }

        /** @return the bcrypt hash of the password */
        public String getPasswordHash() {
            return passwordHash;
        }

        /** @param passwordHash the bcrypt hash of the password */
        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }

        /** @return whether the UI may only watch */
        public boolean isReadOnly() {
            return readOnly;
        }

        /** @param readOnly whether the UI may only watch */
        public void setReadOnly(boolean readOnly) {
            this.readOnly = readOnly;
        }
    }

    /** The Redis adapter's connection, when socketeer.adapter=redis. */
    public static class Redis {

        /**
         * Redis URI, e.g. redis://localhost:6379; when unset the spring.data.redis.* connection properties are
         * used.
         */
        private String uri;

        /** Prefix of the adapter's Redis channels, as the reference adapter's "key". */
        private String key = "socket.io";

        /** How long a cluster-wide request (fetchSockets, serverSideEmitWithAck) waits for the other servers. */
        private Duration requestsTimeout = Duration.ofSeconds(5);

        /** @return the Redis URI, or {@code null} */
        public String getUri() {
            return uri;
        }

        /** @param uri the Redis URI */
        public void setUri(String uri) {
            this.uri = uri;
        }

        /** @return the channel prefix */
        public String getKey() {
            return key;
        }

        /** @param key the channel prefix */
        public void setKey(String key) {
            this.key = key;
        }

        /** @return the requests timeout */
        public Duration getRequestsTimeout() {
            return requestsTimeout;
        }

        /** @param requestsTimeout the requests timeout */
        public void setRequestsTimeout(Duration requestsTimeout) {
            this.requestsTimeout = requestsTimeout;
        }
    }
}
