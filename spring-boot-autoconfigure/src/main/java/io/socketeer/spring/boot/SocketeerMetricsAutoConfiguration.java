package io.socketeer.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.socketeer.micrometer.SocketIoMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * With Micrometer and {@code socketeer-micrometer} in the class path, the auto-configured server reports its
 * meters ({@code socketio.*}): a {@link SocketIoMetrics} bean observes it, and Spring Boot binds that
 * {@code MeterBinder} to the application's registries.
 */
@AutoConfiguration(before = SocketeerAutoConfiguration.class)
@ConditionalOnClass({SocketIoMetrics.class, MeterRegistry.class})
@ConditionalOnBooleanProperty(name = "socketeer.enabled", matchIfMissing = true)
public class SocketeerMetricsAutoConfiguration {

    /** Creates the auto-configuration. */
    public SocketeerMetricsAutoConfiguration() {
    }

    /**
     * The meters.
     *
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean
    public SocketIoMetrics socketIoMetrics() {
        return SocketIoMetrics.create();
    }

    /**
     * Makes the meters the server's observer; first, so a customizer of the application may replace it.
     *
     * @param metrics the meters
     * @return the customizer
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public SocketIoOptionsCustomizer socketIoMetricsObserver(SocketIoMetrics metrics) {
        return options -> options.observer(metrics);
    }
}
