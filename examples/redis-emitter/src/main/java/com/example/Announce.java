package com.example;

import io.lettuce.core.RedisClient;
import io.socketeer.redis.emitter.RedisEmitter;
import io.socketeer.redis.emitter.RedisEmitterOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Sends an announcement to the "lobby" room of every server of a Socket.IO cluster (Java or Node servers
 * using the Redis adapter with the same key), then exits.
 *
 * <p>usage: {@code Announce [redis-uri] [key]}
 */
public final class Announce {

    private Announce() {
    }

    /**
     * Emits once.
     *
     * @param args the Redis URI (default redis://localhost:6379) and the adapter's key (default socket.io)
     */
    public static void main(String[] args) {
        RedisClient redis = RedisClient.create(args.length > 0 ? args[0] : "redis://localhost:6379");
        try (RedisEmitter emitter = RedisEmitter.create(redis,
                RedisEmitterOptions.builder().key(args.length > 1 ? args[1] : "socket.io").build())) {
            long servers = emitter.to("lobby").emit("announcement",
                    Map.of("text", "maintenance at midnight", "at", Instant.now().toString())).join();
            System.out.println("sent to " + servers + " server(s)");
        } finally {
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
