package io.socketeer.redis.internal;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * What the sharded adapters of one server share: commands to {@code SPUBLISH} and count shard subscribers,
 * one connection subscribed with {@code SSUBSCRIBE} whose messages are routed by channel to the adapter that
 * subscribed, and timers. Lettuce subscribes the channels again after a reconnection (on a Redis Cluster, on
 * the node that owns each channel's slot).
 *
 * <p>Handlers are called on Lettuce's event loop and must only hand the message on.
 */
public final class ShardedLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShardedLink.class);

    private final RedisClusterAsyncCommands<String, byte[]> pub;
    private final AutoCloseable pubConnection;
    private final StatefulRedisPubSubConnection<String, byte[]> sub;
    private final ScheduledExecutorService timers;
    private final ChannelRouter router = new ChannelRouter();

    /**
     * Starts routing the subscribed connection's shard messages.
     *
     * @param pub the commands to publish with
     * @param pubConnection their connection, closed with this link
     * @param sub the connection to subscribe on
     * @param timers where timeouts run
     */
    public ShardedLink(RedisClusterAsyncCommands<String, byte[]> pub, AutoCloseable pubConnection,
                       StatefulRedisPubSubConnection<String, byte[]> sub, ScheduledExecutorService timers) {
        this.pub = pub;
        this.pubConnection = pubConnection;
        this.sub = sub;
        this.timers = timers;
        sub.addListener(router);
    }

    /** @return where timeouts run */
    public ScheduledExecutorService timers() {
        return timers;
    }

    /**
     * Subscribes to a shard channel, once.
     *
     * @param channel the channel
     * @param handler gets its messages
     * @return completes when Redis confirmed the subscription
     */
    public CompletableFuture<Void> ssubscribe(String channel, BiConsumer<String, byte[]> handler) {
        if (!router.addChannel(channel, handler)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = sub.async().ssubscribe(channel).toCompletableFuture();
        f.exceptionally(e -> failed("SSUBSCRIBE " + channel, e));
        return f;
    }

    /**
     * Unsubscribes from shard channels.
     *
     * @param names the channels
     */
    public void sunsubscribe(String... names) {
        router.removeChannels(names);
        if (sub.isOpen() && names.length > 0) {
            sub.async().sunsubscribe(names).exceptionally(e -> failed("SUNSUBSCRIBE", e));
        }
    }

    /**
     * Publishes to a shard channel; a failure is logged.
     *
     * @param channel the channel
     * @param message the bytes
     * @return the number of subscribers that got it
     */
    public CompletableFuture<Long> spublish(String channel, byte[] message) {
        CompletableFuture<Long> f = pub.spublish(channel, message).toCompletableFuture();
        f.exceptionally(e -> failed("SPUBLISH " + channel, e));
        return f;
    }

    /**
     * Counts the shard subscribers of a channel: the number of servers, for a namespace's main channel.
     *
     * @param channel the channel
     * @return the count
     */
    public CompletableFuture<Integer> shardNumsub(String channel) {
        return pub.pubsubShardNumsub(channel).toCompletableFuture()
                .thenApply(m -> m.getOrDefault(channel, 0L).intValue());
    }

    private <T> T failed(String what, Throwable e) {
        log.warn("Redis {} failed: {}", what, e.toString());
        return null;
    }

    @Override
    public void close() {
        sub.close();
        try {
            pubConnection.close();
        } catch (Exception e) {
            log.debug("closing the publishing connection failed", e);
        }
    }
}
