package io.socketeer.redis;

import io.lettuce.core.RedisClient;

/**
 * One of our servers with the Redis Streams adapter and recovery on, as a process of its own for
 * {@link RollingRestartTest} (see {@link ChatMember}): on SIGTERM it closes the server, then the adapter factory
 * (which waits until Redis has the sessions), then exits.
 *
 * <p>usage: {@code StreamsNodeMain <redis-uri> <prefix> <port>}
 */
public final class StreamsNodeMain {

    private StreamsNodeMain() {
    }

    /**
     * Runs the server until SIGTERM.
     *
     * @param args the Redis URI, the cluster's prefix, the port
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        RedisClient redis = RedisClient.create(args[0]);
        ChatMember.serve(redis, RedisStreamsAdapterFactory.create(redis, Cluster.streamsOptions(args[1])),
                Integer.parseInt(args[2]));
    }
}
