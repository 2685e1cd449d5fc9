package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socketeer.redis.internal.RedisAdapter;
import io.socketeer.redis.internal.RedisLink;
import io.socketeer.socketio.adapter.Adapter;
import io.socketeer.socketio.adapter.AdapterFactory;
import io.socketeer.socketio.adapter.AdapterNamespace;

import java.util.Objects;

/**
 * Creates the Redis adapter of each namespace of a server: broadcasts, {@code fetchSockets},
 * {@code socketsJoin}/{@code socketsLeave}/{@code disconnectSockets} and server-side events reach every server
 * of the cluster, Java or Node ({@code @socket.io/redis-adapter} 8.x with the same key).
 *
 * <pre>{@code
 * RedisClient redis = RedisClient.create("redis://localhost:6379");
 * RedisAdapterFactory adapter = RedisAdapterFactory.create(redis, RedisAdapterOptions.defaults());
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().adapter(adapter).build());
 * }</pre>
 *
 * <p>One factory serves one server: it opens two connections (one to publish, one subscribed) shared by all
 * of its namespaces, so the server subscribes once per channel and {@code PUBSUB NUMSUB} counts servers.
 * Lettuce reconnects and resubscribes after an outage; meanwhile local delivery goes on and requests to the
 * other servers fail after the requests timeout. Nothing blocks a Netty event loop or a handler thread.
 */
public final class RedisAdapterFactory implements AdapterFactory, AutoCloseable {

    private final RedisLink link;

    private RedisAdapterFactory(RedisLink link) {
        this.link = link;
    }

    /**
     * Connects with the default options.
     *
     * @param client the Redis client; the caller keeps it and shuts it down after {@link #close()}
     * @return the factory
     */
    public static RedisAdapterFactory create(RedisClient client) {
        return create(client, RedisAdapterOptions.defaults());
    }

    /**
     * Opens the two connections, on the calling thread (at start-up: it waits for Redis to answer).
     *
     * @param client the Redis client; the caller keeps it and shuts it down after {@link #close()}
     * @param options the options
     * @return the factory
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
     */
    public static RedisAdapterFactory create(RedisClient client, RedisAdapterOptions options) {
        Objects.requireNonNull(options);
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        StatefulRedisConnection<String, byte[]> pub = client.connect(codec);
        try {
            StatefulRedisPubSubConnection<String, byte[]> sub = client.connectPubSub(codec);
            return new RedisAdapterFactory(new RedisLink(pub, sub, client.getResources().eventExecutorGroup(),
                    options));
        } catch (RuntimeException e) {
            pub.close();
            throw e;
        }
    }

    /** @return the options */
    public RedisAdapterOptions options() {
        return link.options();
    }

    @Override
    public Adapter create(AdapterNamespace namespace) {
        return new RedisAdapter(namespace, link);
    }

    /** Closes the two connections. Close the servers using this factory first. */
    @Override
    public void close() {
        link.close();
    }
}
