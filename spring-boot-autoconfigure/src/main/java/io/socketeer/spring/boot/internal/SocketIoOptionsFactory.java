package io.socketeer.spring.boot.internal;

import io.socketeer.engineio.CorsOptions;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.SessionCookie;
import io.socketeer.engineio.Transport;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.parser.SocketIoParser;
import io.socketeer.spring.boot.SocketIoOptionsCustomizer;
import io.socketeer.spring.boot.SocketeerProperties;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.util.ClassUtils;

import java.util.List;
import java.util.Locale;

/**
 * Turns the {@code socketeer.*} properties into {@link SocketIoOptions}, then lets the customizers have the
 * last word.
 */
public final class SocketIoOptionsFactory {

    private static final String MSGPACK_PARSER = "io.socketeer.msgpack.MsgpackParser";

    private SocketIoOptionsFactory() {
    }

    /**
     * Builds the options.
     *
     * @param properties the properties
     * @param customizers the customizers, in order
     * @param classLoader where the optional modules are looked for
     * @param virtualThreads whether the application runs on virtual threads ({@code spring.threads.virtual.enabled}
     *                       on JDK 21+): listeners off the I/O threads then run on virtual threads too
     * @return the options
     * @throws IllegalStateException on a property value the server cannot take
     */
    public static SocketIoOptions create(SocketeerProperties properties, List<SocketIoOptionsCustomizer> customizers,
                                         ClassLoader classLoader, boolean virtualThreads) {
        EngineIoOptions.Builder engine = EngineIoOptions.builder()
                .path(properties.getPath())
                .pingInterval(properties.getPingInterval())
                .pingTimeout(properties.getPingTimeout())
                .maxPayload(properties.getMaxPayload())
                .transports(transports(properties.getTransports()))
                .allowUpgrades(properties.isAllowUpgrades())
                .allowEio3(properties.isAllowEio3())
                .perMessageDeflate(properties.isPerMessageDeflate())
                .httpCompression(properties.isHttpCompression());
        SocketeerProperties.Cookie cookie = properties.getCookie();
        if (cookie.getName() != null && !cookie.getName().isBlank()) {
            try {
                engine.cookie(SessionCookie.named(cookie.getName().strip()).path(cookie.getPath())
                        .httpOnly(cookie.isHttpOnly()).secure(cookie.isSecure()).sameSite(cookie.getSameSite()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("socketeer.cookie.name: " + e.getMessage(), e);
            }
        }
        CorsOptions cors = cors(properties.getCors());
        if (cors != null) {
            engine.cors(cors);
        }
        for (SocketIoOptionsCustomizer c : customizers) {
            c.customizeEngine(engine);
        }
        SocketIoOptions.Builder options = SocketIoOptions.builder()
                .engine(engine.build())
                .connectTimeout(properties.getConnectTimeout())
                .serveClient(properties.isServeClient())
                .cleanupEmptyChildNamespaces(properties.isCleanupEmptyChildNamespaces())
                .handlersOnEventLoop(properties.isHandlersOnEventLoop())
                .parser(parser(properties.getParser(), classLoader));
        if (virtualThreads && !properties.isHandlersOnEventLoop()) {
            options.handlerExecutor(new VirtualThreadTaskExecutor("socketio-handler-"));
        }
        SocketeerProperties.Recovery recovery = properties.getConnectionStateRecovery();
        if (recovery.isEnabled()) {
            options.connectionStateRecovery(new ConnectionStateRecovery(recovery.getMaxDisconnectionDuration(),
                    recovery.isSkipMiddlewares()));
        }
        for (SocketIoOptionsCustomizer c : customizers) {
            c.customize(options);
        }
        return options.build();
    }

    private static Transport[] transports(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalStateException("socketeer.transports must name at least one transport");
        }
        Transport[] result = new Transport[names.size()];
        for (int i = 0; i < result.length; i++) {
            String name = names.get(i).trim().toLowerCase(Locale.ROOT);
            result[i] = switch (name) {
                case "polling" -> Transport.POLLING;
                case "websocket" -> Transport.WEBSOCKET;
                default -> throw new IllegalStateException("socketeer.transports: unknown transport '" + name
                        + "' (polling or websocket)");
            };
        }
        return result;
    }

    private static CorsOptions cors(SocketeerProperties.Cors cors) {
        List<String> origins = cors.getAllowedOrigins();
        if (origins == null || origins.isEmpty()) {
            return null;
        }
        CorsOptions.Builder b = CorsOptions.builder();
        if (origins.contains("*")) {
            b.allowAnyOrigin();
        } else {
            b.allowOrigins(origins.toArray(String[]::new));
        }
        if (cors.isAllowCredentials()) {
            b.allowCredentials();
        }
        return b.build();
    }

    private static SocketIoParser parser(String name, ClassLoader classLoader) {
        String value = name == null ? "default" : name.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "default", "" -> {
                return null;
            }
            case "msgpack" -> {
                if (!ClassUtils.isPresent(MSGPACK_PARSER, classLoader)) {
                    throw new IllegalStateException("socketeer.parser=msgpack needs io.socketeer:socketeer-msgpack-parser"
                            + " in the class path");
                }
                return MsgpackSupport.parser();
            }
            default -> throw new IllegalStateException("socketeer.parser: unknown parser '" + name
                    + "' (default or msgpack)");
        }
    }
}
