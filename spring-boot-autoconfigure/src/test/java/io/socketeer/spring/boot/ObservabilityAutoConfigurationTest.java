package io.socketeer.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socketeer.adminui.AdminUi;
import io.socketeer.micrometer.SocketIoMetrics;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.actuate.SocketIoEndpoint;
import io.socketeer.spring.boot.actuate.SocketIoHealthIndicator;
import io.socketeer.spring.boot.actuate.SocketeerActuatorAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class,
                    SocketeerMetricsAutoConfiguration.class, SocketeerAdminUiAutoConfiguration.class,
                    SocketeerActuatorAutoConfiguration.class, MetricsAutoConfiguration.class))
            .withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1",
                    "management.endpoints.web.exposure.include=health,socketio");

    @Test
    void metersAreBoundToTheApplicationsRegistryAndObserveTheServer() {
        runner.withUserConfiguration(Registry.class).run(ctx -> {
            SocketIoMetrics metrics = ctx.getBean(SocketIoMetrics.class);
            assertThat(ctx.getBean(SocketIoServer.class).options().observer()).isSameAs(metrics);
            assertThat(ctx.getBean(MeterRegistry.class).find("socketio.packets.sent").meter()).isNotNull();
        });
    }

    @Test
    void withoutMicrometerOrTheMetricsModuleThereAreNoMeters() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(ctx ->
                assertThat(ctx).hasSingleBean(SocketIoServer.class).doesNotHaveBean(SocketIoMetrics.class));
        runner.withClassLoader(new FilteredClassLoader(SocketIoMetrics.class)).run(ctx ->
                assertThat(ctx).hasSingleBean(SocketIoServer.class).doesNotHaveBean(SocketIoMetrics.class));
    }

    @Test
    void theHealthIndicatorReportsTheRunningServer() {
        runner.run(ctx -> {
            assertThat(ctx).hasBean("socketioHealthIndicator");
            Health health = ctx.getBean(SocketIoHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("clients", 0).containsEntry("sockets", 0)
                    .containsEntry("path", "/socket.io/").containsKey("port");
        });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOffOrBeAbsent() {
        runner.withPropertyValues("management.health.socketio.enabled=false").run(ctx ->
                assertThat(ctx).doesNotHaveBean(SocketIoHealthIndicator.class));
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(ctx ->
                assertThat(ctx).doesNotHaveBean(SocketIoHealthIndicator.class));
    }

    @Test
    void theEndpointListsNamespacesWithTheirSocketsAndRooms() {
        runner.run(ctx -> {
            SocketIoServer io = ctx.getBean(SocketIoServer.class);
            io.of("/chat");
            SocketIoEndpoint.ServerDescriptor d = ctx.getBean(SocketIoEndpoint.class).socketIo();
            assertThat(d.clients()).isZero();
            assertThat(d.namespaces()).containsExactly(new SocketIoEndpoint.NamespaceDescriptor("/", 0, 0),
                    new SocketIoEndpoint.NamespaceDescriptor("/chat", 0, 0));
        });
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint")).run(ctx ->
                assertThat(ctx).doesNotHaveBean(SocketIoEndpoint.class));
    }

    @Test
    void theAdminNamespaceIsAddedOnlyWhenAskedAndPresent() {
        runner.run(ctx -> assertThat(ctx).doesNotHaveBean(AdminUi.class));
        runner.withPropertyValues("socketeer.admin-ui.enabled=true", "socketeer.admin-ui.namespace=/ops",
                "socketeer.admin-ui.read-only=true").run(ctx -> {
                    AdminUi admin = ctx.getBean(AdminUi.class);
                    assertThat(admin.namespace().name()).isEqualTo("/ops");
                    assertThat(admin.options().readonly()).isTrue();
                });
        runner.withPropertyValues("socketeer.admin-ui.enabled=true")
                .withClassLoader(new FilteredClassLoader(AdminUi.class))
                .run(ctx -> assertThat(ctx).hasSingleBean(SocketIoServer.class).doesNotHaveBean(AdminUi.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        SimpleMeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }
}
