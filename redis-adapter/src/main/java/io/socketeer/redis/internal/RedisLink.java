package io.socketeer.redis.internal;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.netty.util.concurrent.EventExecutorGroup;
import io.socketeer.redis.RedisAdapterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * What the adapters of one server share: a connection to publish and count subscribers, one subscribed
 * connection whose messages are routed by channel (or pattern) to the adapter that subscribed, and timers.
 * Each channel is subscribed once; Lettuce subscribes them again after a reconnection.
 *
 * <p>Handlers are called on Lettuce's event loop and must only hand the message on.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final StatefulRedisConnection<String, byte[]> pub;
    private final StatefulRedisPubSubConnection<String, byte[]> sub;
    private final EventExecutorGroup timers;
    private final RedisAdapterOptions options;
    private final ChannelRouter router = new ChannelRouter();

    /**
     * Starts routing the subscribed connection's messages.
     *
     * @param pub the connection to publish on
     * @param sub the connection to subscribe on
     * @param timers where request timeouts run
     * @param options the options
     */
    public RedisLink(StatefulRedisConnection<String, byte[]> pub, StatefulRedisPubSubConnection<String, byte[]> sub,
                     EventExecutorGroup timers, RedisAdapterOptions options) {
        this.pub = pub;
        this.sub = sub;
        this.timers = timers;
        this.options = options;
        sub.addListener(router);
    }

    /** @return the options */
    public RedisAdapterOptions options() {
        return options;
    }

    /**
     * Subscribes to a channel, once.
     *
     * @param channel the channel
     * @param handler gets its messages
     * @return completes when Redis confirmed the subscription (at once if it was made before)
     */
    public CompletableFuture<Void> subscribe(String channel, BiConsumer<String, byte[]> handler) {
        if (router.addChannel(channel, handler)) {
            return confirmed("SUBSCRIBE " + channel, sub.async().subscribe(channel).toCompletableFuture());
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Subscribes to a pattern, once.
     *
     * @param pattern the glob pattern
     * @param handler gets the messages of the matching channels
     * @return completes when Redis confirmed the subscription (at once if it was made before)
     */
    public CompletableFuture<Void> psubscribe(String pattern, BiConsumer<String, byte[]> handler) {
        if (router.addPattern(pattern, handler)) {
            return confirmed("PSUBSCRIBE " + pattern, sub.async().psubscribe(pattern).toCompletableFuture());
        }
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> confirmed(String what, CompletableFuture<Void> command) {
        return command.whenComplete((v, e) -> {
            if (e != null) {
                failed(what, e);
            }
        });
    }

    /**
     * Unsubscribes from channels and a pattern.
     *
     * @param pattern the pattern
     * @param names the channels
     */
    public void unsubscribe(String pattern, String... names) {
        if (!sub.isOpen()) {
            return;
        }
        router.removePattern(pattern);
        sub.async().punsubscribe(pattern);
        router.removeChannels(names);
        sub.async().unsubscribe(names);
    }

    private <T> T failed(String what, Throwable e) {
        log.warn("Redis {} failed: {}", what, e.toString());
        return null;
    }

    /**
     * Publishes a message; a failure is logged (the broadcast still reached the local sockets).
     *
     * @param channel the channel
     * @param message the bytes
     * @return the number of subscribers that got it
     */
    public CompletableFuture<Long> publish(String channel, byte[] message) {
        CompletableFuture<Long> f = pub.async().publish(channel, message).toCompletableFuture();
        f.exceptionally(e -> failed("PUBLISH " + channel, e));
        return f;
    }

    /**
     * Counts the subscribers of a channel: the number of servers, for a request channel.
     *
     * @param channel the channel
     * @return the count
     */
    public CompletableFuture<Integer> numsub(String channel) {
        return pub.async().pubsubNumsub(channel).toCompletableFuture()
                .thenApply(m -> m.getOrDefault(channel, 0L).intValue());
    }

    /** @return where timeouts run */
    public ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public void close() {
        sub.close();
        pub.close();
    }
}
