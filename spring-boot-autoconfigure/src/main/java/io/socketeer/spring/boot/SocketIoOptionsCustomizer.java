package io.socketeer.spring.boot;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.SocketIoOptions;

/**
 * A bean that adjusts the options of the auto-configured {@code SocketIoServer} beyond what the
 * {@code socketeer.*} properties cover: a Jackson 2 mapper with your modules, an executor, an
 * {@code allowRequest} check, TLS for the own-port mode. Customizers run in {@code @Order}, after the
 * properties are applied, so they win.
 *
 * <pre>
 * &#64;Bean
 * SocketIoOptionsCustomizer mapper() {
 *     return options -&gt; options.mapper(JsonMapper.builder().addModule(new JavaTimeModule()).build());
 * }
 * </pre>
 */
@FunctionalInterface
public interface SocketIoOptionsCustomizer {

    /**
     * Adjusts the Socket.IO options; called once, after {@link #customizeEngine}.
     *
     * @param options the builder, holding the properties' values and the Engine.IO options already built
     */
    void customize(SocketIoOptions.Builder options);

    /**
     * Adjusts the Engine.IO options (path, timeouts, CORS, {@code allowRequest}, TLS of the own-port mode);
     * called once, before {@link #customize}.
     *
     * @param engine the builder, holding the properties' values
     */
    default void customizeEngine(EngineIoOptions.Builder engine) {
    }
}
