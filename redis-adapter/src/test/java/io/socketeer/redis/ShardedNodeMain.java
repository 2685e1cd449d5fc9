package io.socketeer.redis;

import io.lettuce.core.RedisClient;

import java.time.Duration;

/**
 * One of our servers with the sharded pub/sub adapter (the default {@code DYNAMIC} subscription mode, as
 * {@code createShardedAdapter}) and recovery on, as a process of its own for {@link RollingRestartTest} (see
 * {@link ChatMember}). Its sessions are kept in its memory only, as the reference keeps them, so they end with
 * the process: a client of a restarted member starts a new session on another.
 *
 * <p>usage: {@code ShardedNodeMain <redis-uri> <prefix> <port>}
 */
public final class ShardedNodeMain {

    private ShardedNodeMain() {
    }

    /**
     * Runs the server until SIGTERM.
     *
     * @param args the Redis URI, the cluster's channel prefix, the port
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        RedisClient redis = RedisClient.create(args[0]);
        ChatMember.serve(redis, RedisShardedAdapterFactory.create(redis, RedisShardedAdapterOptions.builder()
                .channelPrefix(args[1]).requestsTimeout(Duration.ofSeconds(3)).build()), Integer.parseInt(args[2]));
    }
}
