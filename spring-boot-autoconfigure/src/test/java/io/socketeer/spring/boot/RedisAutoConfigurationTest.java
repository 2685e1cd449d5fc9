package io.socketeer.spring.boot;

import io.lettuce.core.RedisClient;
import io.socketeer.redis.RedisAdapterFactory;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.socketio.adapter.InMemoryAdapter;
import io.socketeer.spring.boot.internal.RedisUris;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis adapter, against a redis-server of the test's own. */
class RedisAutoConfigurationTest {

    private static LocalRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class,
                    SocketeerRedisAutoConfiguration.class, DataRedisAutoConfiguration.class))
            .withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1");

    @Test
    void theInMemoryAdapterByDefault() {
        runner.run(ctx -> {
            assertThat(ctx).doesNotHaveBean(RedisAdapterFactory.class);
            assertThat(ctx.getBean(SocketIoServer.class).sockets().adapter().getClass()).isEqualTo(InMemoryAdapter.class);
        });
    }

    @Test
    void theRedisAdapterFromItsOwnUri() {
        runner.withPropertyValues("socketeer.adapter=redis", "socketeer.redis.uri=redis://127.0.0.1:" + redis.port() + "/0",
                "socketeer.redis.key=spring-test").run(ctx -> {
                    RedisAdapterFactory factory = ctx.getBean(RedisAdapterFactory.class);
                    assertThat(factory.options().key()).isEqualTo("spring-test");
                    assertThat(ctx.getBean(SocketIoServer.class).options().adapterFactory()).isSameAs(factory);
                    assertThat(ctx.getBean(SocketIoServer.class).sockets().adapter().getClass().getSimpleName())
                            .isEqualTo("RedisAdapter");
                });
    }

    @Test
    void theRedisAdapterWhereSpringDataRedisPoints() {
        runner.withPropertyValues("socketeer.adapter=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port(), "spring.data.redis.database=3").run(ctx -> {
                    assertThat(ctx).hasSingleBean(RedisAdapterFactory.class);
                    assertThat(RedisUris.fromSpringBoot(ctx).getDatabase()).isEqualTo(3);
                    assertThat(RedisUris.fromSpringBoot(ctx).getHost()).isEqualTo("127.0.0.1");
                    assertThat(RedisUris.fromSpringBoot(ctx).getPort()).isEqualTo(redis.port());
                    assertThat(ctx.getBean("socketIoRedisClient", RedisClient.class)).isNotNull();
                });
    }

    @Test
    void withoutTheAdapterModuleTheServerStaysInMemory() {
        runner.withPropertyValues("socketeer.adapter=redis", "socketeer.redis.uri=redis://127.0.0.1:" + redis.port())
                .withClassLoader(new FilteredClassLoader(RedisAdapterFactory.class)).run(ctx -> {
                    assertThat(ctx).doesNotHaveBean(RedisAdapterFactory.class);
                    assertThat(ctx.getBean(SocketIoServer.class).sockets().adapter().getClass())
                            .isEqualTo(InMemoryAdapter.class);
                });
    }
}
