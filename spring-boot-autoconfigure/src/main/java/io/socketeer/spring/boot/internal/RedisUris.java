package io.socketeer.spring.boot.internal;

import io.lettuce.core.RedisURI;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/** The Redis address of Spring Boot's {@code spring.data.redis.*} properties, when Spring Data Redis is there. */
public final class RedisUris {

    private static final String DETAILS =
            "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails";

    private RedisUris() {
    }

    /**
     * Returns the address of Spring Boot's Redis connection details (a standalone server), or
     * {@code redis://localhost:6379} without them.
     *
     * @param context the application context
     * @return the address
     */
    public static RedisURI fromSpringBoot(ApplicationContext context) {
        if (ClassUtils.isPresent(DETAILS, context.getClassLoader())) {
            RedisURI uri = Details.uri(context);
            if (uri != null) {
                return uri;
            }
        }
        return RedisURI.create("redis://localhost:6379");
    }

    /** Names Spring Boot's Redis types in a class loaded only when they are present. */
    private static final class Details {
        static RedisURI uri(ApplicationContext context) {
            DataRedisConnectionDetails details = context.getBeanProvider(DataRedisConnectionDetails.class)
                    .getIfAvailable();
            if (details == null || details.getStandalone() == null) {
                return null;
            }
            DataRedisConnectionDetails.Standalone s = details.getStandalone();
            RedisURI.Builder b = RedisURI.builder().withHost(s.getHost()).withPort(s.getPort())
                    .withDatabase(s.getDatabase()).withSsl(details.getSslBundle() != null);
            if (details.getPassword() != null) {
                if (details.getUsername() != null) {
                    b.withAuthentication(details.getUsername(), details.getPassword().toCharArray());
                } else {
                    b.withPassword(details.getPassword().toCharArray());
                }
            }
            return b.build();
        }
    }
}
