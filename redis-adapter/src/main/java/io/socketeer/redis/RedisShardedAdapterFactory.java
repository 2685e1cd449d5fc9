package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.socketeer.redis.internal.ShardedLink;
import io.socketeer.redis.internal.ShardedRedisAdapter;
import io.socketeer.socketio.adapter.Adapter;
import io.socketeer.socketio.adapter.AdapterFactory;
import io.socketeer.socketio.adapter.AdapterNamespace;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Creates the sharded Redis adapter of each namespace: the cluster traffic goes through Redis 7 sharded
 * pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}), so on a Redis Cluster each channel loads only the shard that
 * owns it. Wire-compatible with {@code createShardedAdapter} of {@code @socket.io/redis-adapter} 8.x with the
 * same channel prefix and subscription mode.
 *
 * <pre>{@code
 * RedisClusterClient redis = RedisClusterClient.create("redis://node-1:7000");
 * RedisShardedAdapterFactory adapter = RedisShardedAdapterFactory.create(redis, RedisShardedAdapterOptions.defaults());
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().adapter(adapter).build());
 * }</pre>
 *
 * <p>One factory serves one server: one connection publishes, one is subscribed, shared by its namespaces.
 * Lettuce reconnects and subscribes again after an outage; meanwhile local delivery goes on.
 */
public final class RedisShardedAdapterFactory implements AdapterFactory, AutoCloseable {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final ShardedLink link;
    private final RedisShardedAdapterOptions options;

    private RedisShardedAdapterFactory(ShardedLink link, RedisShardedAdapterOptions options) {
        this.link = link;
        this.options = options;
    }

    /**
     * Connects to a single Redis 7 server (or a proxy), on the calling thread.
     *
     * @param client the client; the caller keeps it and shuts it down after {@link #close()}
     * @param options the options
     * @return the factory
     */
    public static RedisShardedAdapterFactory create(RedisClient client, RedisShardedAdapterOptions options) {
        Objects.requireNonNull(options);
        StatefulRedisConnection<String, byte[]> pub = client.connect(CODEC);
        return open(pub.async(), pub, () -> client.connectPubSub(CODEC), client.getResources(), options);
    }

    /**
     * Connects to a Redis Cluster, on the calling thread.
     *
     * @param client the cluster client; the caller keeps it and shuts it down after {@link #close()}
     * @param options the options
     * @return the factory
     */
    public static RedisShardedAdapterFactory create(RedisClusterClient client, RedisShardedAdapterOptions options) {
        Objects.requireNonNull(options);
        StatefulRedisClusterConnection<String, byte[]> pub = client.connect(CODEC);
        return open(pub.async(), pub, () -> client.connectPubSub(CODEC), client.getResources(), options);
    }

    /** Opens the subscribed connection; the publishing one is closed if that fails. */
    private static RedisShardedAdapterFactory open(RedisClusterAsyncCommands<String, byte[]> commands,
                                                   AutoCloseable pub,
                                                   Supplier<StatefulRedisPubSubConnection<String, byte[]>> sub,
                                                   ClientResources resources, RedisShardedAdapterOptions options) {
        try {
            return new RedisShardedAdapterFactory(new ShardedLink(commands, pub, sub.get(),
                    resources.eventExecutorGroup()), options);
        } catch (RuntimeException e) {
            try {
                pub.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** @return the options */
    public RedisShardedAdapterOptions options() {
        return options;
    }

    @Override
    public Adapter create(AdapterNamespace namespace) {
        return new ShardedRedisAdapter(namespace, link, options);
    }

    /** Closes the two connections. Close the servers using this factory first. */
    @Override
    public void close() {
        link.close();
    }
}
