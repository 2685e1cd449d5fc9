package io.socketeer.spring.boot;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.Transport;
import io.socketeer.msgpack.MsgpackParser;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.internal.AnnotatedHandlerRegistrar;
import io.socketeer.spring.boot.internal.MiddlewareRegistrar;
import io.socketeer.spring.boot.internal.ReactorNettySocketIo;
import io.socketeer.spring.boot.internal.SocketIoServerLifecycle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.VirtualThreadTaskExecutor;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SocketeerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class))
            .withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1");

    @Test
    void createsOneServerWithTheReferenceDefaults() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(SocketIoServer.class).hasSingleBean(SocketIoServerLifecycle.class)
                    .hasSingleBean(AnnotatedHandlerRegistrar.class).hasSingleBean(MiddlewareRegistrar.class);
            SocketIoOptions o = ctx.getBean(SocketIoServer.class).options();
            EngineIoOptions e = o.engine();
            assertThat(e.path()).isEqualTo("/socket.io/");
            assertThat(e.pingInterval()).isEqualTo(Duration.ofSeconds(25));
            assertThat(e.pingTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(e.maxPayload()).isEqualTo(1_000_000);
            assertThat(e.transports()).isEqualTo(EnumSet.allOf(Transport.class));
            assertThat(e.cors()).isNull();
            assertThat(e.cookie()).as("no session cookie, as in the reference").isNull();
            assertThat(e.perMessageDeflate()).isFalse();
            assertThat(e.allowEio3()).as("Engine.IO v3 off, as in the reference").isFalse();
            assertThat(o.connectionStateRecovery()).isNull();
            assertThat(o.parser()).isNull();
            assertThat(o.serveClient()).isTrue();
            assertThat(o.cleanupEmptyChildNamespaces()).isFalse();
            assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(45));
        });
    }

    @Test
    void listenersRunOnVirtualThreadsWhenTheApplicationDoes() {
        runner.run(ctx -> assertThat(ctx.getBean(SocketIoServer.class).options().handlerExecutor())
                .as("the server's own pool").isNull());
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(ctx -> {
            Executor e = ctx.getBean(SocketIoServer.class).options().handlerExecutor();
            if (Runtime.version().feature() >= 21) {
                assertThat(e).isInstanceOf(VirtualThreadTaskExecutor.class);
                CompletableFuture<Boolean> virtual = new CompletableFuture<>();
                e.execute(() -> virtual.complete(isVirtual(Thread.currentThread())));
                assertThat(virtual.get(10, TimeUnit.SECONDS)).isTrue();
            } else {
                assertThat(e).as("no virtual threads before JDK 21").isNull();
            }
        });
        runner.withPropertyValues("spring.threads.virtual.enabled=true", "socketeer.handlers-on-event-loop=true")
                .run(ctx -> assertThat(ctx.getBean(SocketIoServer.class).options().handlerExecutor()).isNull());
    }

    private static boolean isVirtual(Thread t) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t); // JDK 21+
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    @Test
    void everyPropertyReachesTheOptions() {
        runner.withPropertyValues("socketeer.path=/io", "socketeer.ping-interval=5s", "socketeer.ping-timeout=3s",
                "socketeer.max-payload=2048", "socketeer.transports=websocket", "socketeer.allow-eio3=true",
                "socketeer.allow-upgrades=false", "socketeer.cors.allowed-origins=https://a.example,https://b.example",
                "socketeer.cors.allow-credentials=true", "socketeer.connection-state-recovery.enabled=true",
                "socketeer.connection-state-recovery.max-disconnection-duration=30s",
                "socketeer.connection-state-recovery.skip-middlewares=false", "socketeer.per-message-deflate=true",
                "socketeer.http-compression=false", "socketeer.serve-client=false", "socketeer.connect-timeout=7s",
                "socketeer.handlers-on-event-loop=true", "socketeer.parser=msgpack", "socketeer.cookie.name=lb",
                "socketeer.cookie.same-site=strict", "socketeer.cookie.secure=true",
                "socketeer.cleanup-empty-child-namespaces=true").run(ctx -> {
            SocketIoOptions o = ctx.getBean(SocketIoServer.class).options();
            EngineIoOptions e = o.engine();
            assertThat(e.path()).isEqualTo("/io/");
            assertThat(e.pingInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(e.pingTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(e.maxPayload()).isEqualTo(2048);
            assertThat(e.transports()).containsExactly(Transport.WEBSOCKET);
            assertThat(e.allowEio3()).isTrue();
            assertThat(e.allowUpgrades()).isFalse();
            assertThat(e.cors().allows("https://b.example")).isTrue();
            assertThat(e.cors().allows("https://c.example")).isFalse();
            assertThat(e.cors().credentials()).isTrue();
            assertThat(e.cookie().encode("x")).isEqualTo("lb=x; Path=/; Secure; HTTPOnly; SameSite=Strict");
            assertThat(e.perMessageDeflate()).isTrue();
            assertThat(e.httpCompression()).isFalse();
            assertThat(o.connectionStateRecovery().maxDisconnectionDuration()).isEqualTo(Duration.ofSeconds(30));
            assertThat(o.connectionStateRecovery().skipMiddlewares()).isFalse();
            assertThat(o.serveClient()).isFalse();
            assertThat(o.cleanupEmptyChildNamespaces()).isTrue();
            assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(o.handlersOnEventLoop()).isTrue();
            assertThat(o.parser()).isInstanceOf(MsgpackParser.class);
        });
    }

    @Test
    void anyOriginIsAllowedWithAStar() {
        runner.withPropertyValues("socketeer.cors.allowed-origins=*").run(ctx ->
                assertThat(ctx.getBean(SocketIoServer.class).options().engine().cors().anyOrigin()).isTrue());
    }

    @Test
    void anUnknownTransportOrParserFailsTheStartWithItsName() {
        runner.withPropertyValues("socketeer.transports=carrier-pigeon").run(ctx ->
                assertThat(ctx).getFailure().hasStackTraceContaining("unknown transport 'carrier-pigeon'"));
        runner.withPropertyValues("socketeer.parser=xml").run(ctx ->
                assertThat(ctx).getFailure().hasStackTraceContaining("unknown parser 'xml'"));
        runner.withPropertyValues("socketeer.cookie.name=my cookie").run(ctx ->
                assertThat(ctx).getFailure().hasStackTraceContaining("socketeer.cookie.name: not a cookie name"));
    }

    @Test
    void theMsgpackParserNeedsItsModule() {
        runner.withClassLoader(new FilteredClassLoader(MsgpackParser.class))
                .withPropertyValues("socketeer.parser=msgpack").run(ctx -> assertThat(ctx).getFailure()
                        .hasStackTraceContaining("needs io.socketeer:socketeer-msgpack-parser"));
    }

    @Test
    void customizersRunInOrderAfterTheProperties() {
        runner.withPropertyValues("socketeer.ping-interval=5s", "socketeer.connect-timeout=7s")
                .withUserConfiguration(Customizers.class).run(ctx -> {
                    SocketIoOptions o = ctx.getBean(SocketIoServer.class).options();
                    assertThat(o.engine().pingInterval()).isEqualTo(Duration.ofSeconds(9));
                    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(o.maxAttachments()).isEqualTo(3);
                });
    }

    @Test
    void backsOffWhenTheApplicationHasItsOwnServer() {
        runner.withUserConfiguration(OwnServer.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(SocketIoServer.class).doesNotHaveBean(SocketIoServerLifecycle.class)
                    .hasSingleBean(AnnotatedHandlerRegistrar.class).hasSingleBean(MiddlewareRegistrar.class);
            assertThat(ctx.getBean(SocketIoServer.class).options().engine().path()).isEqualTo("/mine/");
            assertThat(ctx.getBean(SocketIoServer.class).address()).isNull();
        });
    }

    @Test
    void canBeSwitchedOff() {
        runner.withPropertyValues("socketeer.enabled=false").run(ctx ->
                assertThat(ctx).doesNotHaveBean(SocketIoServer.class).doesNotHaveBean(MiddlewareRegistrar.class));
    }

    @Test
    void withoutTheLibraryNothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(SocketIoServer.class)).run(ctx ->
                assertThat(ctx).doesNotHaveBean(SocketIoServer.class));
    }

    @Test
    void aNonWebApplicationListensOnItsOwnPortAndStopsWithTheContext() {
        SocketIoServer[] kept = new SocketIoServer[1];
        runner.run(ctx -> {
            assertThat(ctx).doesNotHaveBean(ReactorNettySocketIo.class);
            SocketIoServerLifecycle lifecycle = ctx.getBean(SocketIoServerLifecycle.class);
            assertThat(lifecycle.isRunning()).isTrue();
            assertThat(lifecycle.ownPort()).isTrue();
            assertThat(lifecycle.address().getPort()).isPositive();
            kept[0] = ctx.getBean(SocketIoServer.class);
        });
        assertThat(kept[0].address()).isNull();
    }

    @Test
    void aServletApplicationListensOnItsOwnPort() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class))
                .withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1").run(ctx -> {
                    assertThat(ctx).doesNotHaveBean(ReactorNettySocketIo.class);
                    assertThat(ctx.getBean(SocketIoServerLifecycle.class).ownPort()).isTrue();
                });
    }

    @Test
    void aReactiveApplicationGetsTheReactorNettyHook() {
        ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class))
                .withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1");
        // no web server in this context: the hook is never applied, so "auto" falls back to its own port
        reactive.run(ctx -> {
            assertThat(ctx).hasSingleBean(ReactorNettySocketIo.class);
            assertThat(ctx.getBean(SocketIoServerLifecycle.class).ownPort()).isTrue();
        });
        reactive.withPropertyValues("socketeer.mode=same-port").run(ctx ->
                assertThat(ctx).getFailure().hasStackTraceContaining("needs a WebFlux application on Reactor Netty"));
        reactive.withClassLoader(new FilteredClassLoader("reactor.netty.http.server")).run(ctx ->
                assertThat(ctx).doesNotHaveBean(ReactorNettySocketIo.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        @Order(2)
        SocketIoOptionsCustomizer later() {
            return new SocketIoOptionsCustomizer() {
                @Override
                public void customize(SocketIoOptions.Builder options) {
                    options.connectTimeout(Duration.ofSeconds(2));
                }

                @Override
                public void customizeEngine(EngineIoOptions.Builder engine) {
                    engine.pingInterval(Duration.ofSeconds(9));
                }
            };
        }

        @Bean
        @Order(1)
        SocketIoOptionsCustomizer earlier() {
            return options -> options.connectTimeout(Duration.ofSeconds(1)).maxAttachments(3);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnServer {
        @Bean
        SocketIoServer mine() {
            return SocketIoServer.create(SocketIoOptions.builder()
                    .engine(EngineIoOptions.builder().path("/mine/").build()).build());
        }
    }
}
