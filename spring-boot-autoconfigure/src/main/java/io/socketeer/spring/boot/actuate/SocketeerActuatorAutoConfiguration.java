package io.socketeer.spring.boot.actuate;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.SocketeerAutoConfiguration;
import io.socketeer.spring.boot.internal.SocketIoServerLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Actuator present: the {@code socketio} health indicator and the {@code socketio} endpoint.
 */
@AutoConfiguration(after = SocketeerAutoConfiguration.class)
@ConditionalOnBean(SocketIoServer.class)
public class SocketeerActuatorAutoConfiguration {

    /** Creates the auto-configuration. */
    public SocketeerActuatorAutoConfiguration() {
    }

    /** The health indicator, when Spring Boot's health support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("socketio")
    public static class Health {

        /** Creates the configuration. */
        public Health() {
        }

        /**
         * The indicator.
         *
         * @param io the server
         * @param lifecycle its lifecycle, when auto-configured
         * @return the indicator
         */
        @Bean
        @ConditionalOnMissingBean(name = "socketioHealthIndicator")
        public SocketIoHealthIndicator socketioHealthIndicator(SocketIoServer io,
                                                               ObjectProvider<SocketIoServerLifecycle> lifecycle) {
            return new SocketIoHealthIndicator(io, lifecycle.getIfAvailable());
        }
    }

    /** The endpoint, when Actuator's endpoint support is present and the endpoint is exposed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
    @ConditionalOnAvailableEndpoint(SocketIoEndpoint.class)
    public static class Endpoints {

        /** Creates the configuration. */
        public Endpoints() {
        }

        /**
         * The endpoint.
         *
         * @param io the server
         * @return the endpoint
         */
        @Bean
        @ConditionalOnMissingBean
        public SocketIoEndpoint socketIoEndpoint(SocketIoServer io) {
            return new SocketIoEndpoint(io);
        }
    }
}
