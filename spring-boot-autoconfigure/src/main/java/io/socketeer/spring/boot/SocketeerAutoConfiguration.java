package io.socketeer.spring.boot;

import io.socketeer.socketio.Middleware;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.internal.AnnotatedHandlerRegistrar;
import io.socketeer.spring.boot.internal.MiddlewareRegistrar;
import io.socketeer.spring.boot.internal.ReactorNettySocketIo;
import io.socketeer.spring.boot.internal.SamePortHook;
import io.socketeer.spring.boot.internal.SocketIoOptionsFactory;
import io.socketeer.spring.boot.internal.SocketIoServerLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures one {@link SocketIoServer} from the {@code socketeer.*} properties and the
 * {@link SocketIoOptionsCustomizer} beans, serves it on the port of a WebFlux application on Reactor Netty or
 * on a port of its own, and starts and stops it with the context. An application that defines its own
 * {@code SocketIoServer} bean keeps it (and starts it itself); its {@code @SocketIoController} and
 * {@code Middleware} beans are still installed on it.
 */
@AutoConfiguration
@ConditionalOnClass(SocketIoServer.class)
@ConditionalOnBooleanProperty(name = "socketeer.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SocketeerProperties.class)
public class SocketeerAutoConfiguration {

    /** Creates the auto-configuration. */
    public SocketeerAutoConfiguration() {
    }

    /**
     * Installs the {@code @SocketIoController} beans' handler methods.
     *
     * @param context the application context
     * @param io the server
     * @return the registrar
     */
    @Bean
    @ConditionalOnBean(SocketIoServer.class)
    public static AnnotatedHandlerRegistrar socketIoAnnotatedHandlerRegistrar(ApplicationContext context,
                                                                              SocketIoServer io) {
        return new AnnotatedHandlerRegistrar(context, io);
    }

    /**
     * Installs the {@code Middleware} beans.
     *
     * @param middlewares the middleware beans
     * @param io the server
     * @return the registrar
     */
    @Bean
    @ConditionalOnBean(SocketIoServer.class)
    public MiddlewareRegistrar socketIoMiddlewareRegistrar(ObjectProvider<Middleware> middlewares,
                                                           SocketIoServer io) {
        return new MiddlewareRegistrar(middlewares, io);
    }

    /** The server, unless the application has its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(SocketIoServer.class)
    public static class ServerConfiguration {

        /** Creates the configuration. */
        public ServerConfiguration() {
        }

        /**
         * The server.
         *
         * @param properties the properties
         * @param customizers the customizers, in {@code @Order}
         * @param context the application context, for its class loader and whether it runs on virtual threads
         * @return the server, not started
         */
        @Bean
        public SocketIoServer socketIoServer(SocketeerProperties properties,
                                             ObjectProvider<SocketIoOptionsCustomizer> customizers,
                                             ApplicationContext context) {
            return SocketIoServer.create(SocketIoOptionsFactory.create(properties,
                    customizers.orderedStream().toList(), context.getClassLoader(),
                    Threading.VIRTUAL.isActive(context.getEnvironment())));
        }

        /**
         * Starts and stops the server with the context.
         *
         * @param io the server
         * @param properties the properties
         * @param samePort the Reactor Netty hook, when the application is a WebFlux one on Reactor Netty
         * @return the lifecycle
         */
        @Bean
        public SocketIoServerLifecycle socketIoServerLifecycle(SocketIoServer io, SocketeerProperties properties,
                                                               ObjectProvider<SamePortHook> samePort) {
            return new SocketIoServerLifecycle(io, properties, samePort.getIfAvailable());
        }
    }

    /** The same-port mode: Socket.IO inside the WebFlux application's Reactor Netty server. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(SocketIoServer.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = {"reactor.netty.http.server.HttpServer",
            "org.springframework.boot.reactor.netty.NettyServerCustomizer"})
    public static class SamePortConfiguration {

        /** Creates the configuration. */
        public SamePortConfiguration() {
        }

        /**
         * Adds the Socket.IO handlers to each connection of the Reactor Netty server (unless
         * {@code socketeer.mode=own-port}, where they are left out).
         *
         * @param io the server
         * @param properties the properties
         * @return the customizer
         */
        @Bean
        public ReactorNettySocketIo socketIoReactorNettyCustomizer(SocketIoServer io, SocketeerProperties properties) {
            return new ReactorNettySocketIo(io, properties.getMode() != SocketeerProperties.ServerMode.OWN_PORT);
        }
    }
}
