package io.socketeer.spring.boot;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.socketeer.redis.RedisAdapterFactory;
import io.socketeer.redis.RedisAdapterOptions;
import io.socketeer.spring.boot.internal.RedisUris;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * With {@code socketeer.adapter=redis} and {@code socketeer-redis-adapter} in the class path, the server joins
 * a cluster through Redis: at {@code socketeer.redis.uri}, else where Spring Boot's
 * {@code spring.data.redis.*} properties point (host, port, database, user name, password, SSL), else
 * {@code redis://localhost:6379}.
 */
@AutoConfiguration(before = SocketeerAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({RedisAdapterFactory.class, RedisClient.class})
@ConditionalOnBooleanProperty(name = "socketeer.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "socketeer.adapter", havingValue = "redis")
public class SocketeerRedisAutoConfiguration {

    /** Creates the auto-configuration. */
    public SocketeerRedisAutoConfiguration() {
    }

    /**
     * The adapter's own Redis client (its pub/sub connections are not shared with Spring Data's).
     *
     * @param properties the properties
     * @param context the context, for Spring Boot's Redis connection details
     * @return the client, shut down with the context
     */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean(name = "socketIoRedisClient")
    public RedisClient socketIoRedisClient(SocketeerProperties properties, ApplicationContext context) {
        RedisURI uri = properties.getRedis().getUri() != null ? RedisURI.create(properties.getRedis().getUri())
                : RedisUris.fromSpringBoot(context);
        return RedisClient.create(uri);
    }

    /**
     * The adapter factory; connects at start-up.
     *
     * @param socketIoRedisClient the client
     * @param properties the properties
     * @return the factory, closed with the context (after the server)
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RedisAdapterFactory socketIoRedisAdapterFactory(RedisClient socketIoRedisClient,
                                                           SocketeerProperties properties) {
        return RedisAdapterFactory.create(socketIoRedisClient, RedisAdapterOptions.builder()
                .key(properties.getRedis().getKey())
                .requestsTimeout(properties.getRedis().getRequestsTimeout()).build());
    }

    /**
     * Gives the server the adapter.
     *
     * @param factory the adapter factory
     * @return the customizer
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public SocketIoOptionsCustomizer socketIoRedisAdapter(RedisAdapterFactory factory) {
        return options -> options.adapter(factory);
    }
}
