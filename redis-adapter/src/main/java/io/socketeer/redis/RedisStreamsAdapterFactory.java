package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socketeer.redis.internal.RedisStreamsAdapter;
import io.socketeer.redis.internal.StreamsLink;
import io.socketeer.socketio.adapter.Adapter;
import io.socketeer.socketio.adapter.AdapterFactory;
import io.socketeer.socketio.adapter.AdapterNamespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates the Redis Streams adapter of each namespace: the cluster traffic is carried on a Redis stream and
 * sessions are kept in Redis, so with connection state recovery on, a client that reconnects to any server of
 * the cluster gets its socket id, its rooms and every event it missed. Wire-compatible with
 * {@code @socket.io/redis-streams-adapter} 0.3.x with the same stream name and prefixes.
 *
 * <pre>{@code
 * RedisStreamsAdapterFactory adapter = RedisStreamsAdapterFactory.create(RedisClient.create("redis://localhost"));
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().adapter(adapter)
 *         .connectionStateRecovery(ConnectionStateRecovery.defaults()).build());
 * }</pre>
 *
 * <p>One factory serves one server: it opens a connection for commands, one subscribed to the request and
 * response channels, and one per stream for its blocking reads, shared by its namespaces. On shutdown close
 * the server first, then this factory: {@link #close()} waits until Redis has stored the sessions of the
 * sockets the server closed, so another server can restore them.
 */
public final class RedisStreamsAdapterFactory implements AdapterFactory, AutoCloseable {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final StreamsLink link;

    private RedisStreamsAdapterFactory(StreamsLink link) {
        this.link = link;
    }

    /**
     * Connects with the default options.
     *
     * @param client the Redis client; the caller keeps it and shuts it down after {@link #close()}
     * @return the factory
     */
    public static RedisStreamsAdapterFactory create(RedisClient client) {
        return create(client, RedisStreamsAdapterOptions.defaults());
    }

    /**
     * Opens the connections and starts reading the streams from their current end, on the calling thread.
     *
     * @param client the Redis client (Redis 6.2 or later); the caller keeps it and shuts it down after
     *               {@link #close()}
     * @param options the options
     * @return the factory
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
     */
    public static RedisStreamsAdapterFactory create(RedisClient client, RedisStreamsAdapterOptions options) {
        Objects.requireNonNull(options);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            StatefulRedisConnection<String, byte[]> cmd = client.connect(CODEC);
            opened.add(cmd);
            StatefulRedisPubSubConnection<String, byte[]> sub = client.connectPubSub(CODEC);
            opened.add(sub);
            return new RedisStreamsAdapterFactory(new StreamsLink(cmd, sub, () -> {
                StatefulRedisConnection<String, byte[]> c = client.connect(CODEC);
                opened.add(c);
                return c;
            }, client.getResources().eventExecutorGroup(), options));
        } catch (RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** @return the options */
    public RedisStreamsAdapterOptions options() {
        return link.options();
    }

    /** @return how many times this server fell behind a stream's {@code MAXLEN} and lost entries (logged) */
    public long streamGaps() {
        return link.gaps();
    }

    /** @return how many stream entries were trimmed before this server read them (logged) */
    public long trimmedEntries() {
        return link.trimmedEntries();
    }

    /** @return how many messages reached this server's sockets only, Redis being unreachable (logged) */
    public long lostMessages() {
        return link.lostPublishes();
    }

    @Override
    public Adapter create(AdapterNamespace namespace) {
        return new RedisStreamsAdapter(namespace, link);
    }

    /**
     * Waits (five seconds at most) until Redis has the sessions the closed server stored, then closes the
     * connections. Close the server using this factory first.
     */
    @Override
    public void close() {
        link.close();
    }
}
