package io.socketeer.redis;

import io.socketeer.redis.internal.AdapterSettings;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The options of the sharded Redis adapter, named as those of {@code createShardedAdapter} of
 * {@code @socket.io/redis-adapter} 8.x. Immutable; built with {@link #builder()}.
 */
public final class RedisShardedAdapterOptions {

    /** Which channels carry broadcasts to a single room (Node: {@code subscriptionMode}). */
    public enum SubscriptionMode {
        /** Everything on the namespace's channel: fewest subscriptions, every server gets every message. */
        STATIC,
        /** A channel per public room (not a socket's own), subscribed by the servers that have members. */
        DYNAMIC,
        /** A channel per room, socket ids included. */
        DYNAMIC_PRIVATE
    }

    private static final RedisShardedAdapterOptions DEFAULTS = builder().build();

    private final AdapterSettings settings;
    private final SubscriptionMode subscriptionMode;

    private RedisShardedAdapterOptions(Builder b) {
        this.settings = b.settings;
        this.subscriptionMode = b.subscriptionMode;
    }

    /** @return the defaults: prefix {@code socket.io}, mode {@code DYNAMIC}, requests timeout 5 s */
    public static RedisShardedAdapterOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the prefix of every channel; servers with the same prefix form one cluster */
    public String channelPrefix() {
        return settings.prefix();
    }

    /** @return which channels carry broadcasts to a single room; the same on every server of a cluster */
    public SubscriptionMode subscriptionMode() {
        return subscriptionMode;
    }

    /** @return how long {@code fetchSockets} and {@code serverSideEmitWithAck} wait for the other servers */
    public Duration requestsTimeout() {
        return settings.requestsTimeout();
    }

    /** @return where messages from Redis are handled (in order, per namespace) and futures complete */
    public Executor executor() {
        return settings.executor();
    }

    /** Builds {@link RedisShardedAdapterOptions}. Not thread-safe. */
    public static final class Builder {
        private AdapterSettings settings = AdapterSettings.DEFAULTS;
        private SubscriptionMode subscriptionMode = SubscriptionMode.DYNAMIC;

        private Builder() {
        }

        /**
         * Sets the channel prefix (Node: {@code channelPrefix}).
         *
         * @param value default {@code socket.io}
         * @return this builder
         */
        public Builder channelPrefix(String value) {
            settings = settings.withPrefix(value, "channelPrefix");
            return this;
        }

        /**
         * Sets the subscription mode (Node: {@code subscriptionMode}, {@code "dynamic"} by default).
         *
         * @param value the mode
         * @return this builder
         */
        public Builder subscriptionMode(SubscriptionMode value) {
            subscriptionMode = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets how long requests wait for the other servers.
         *
         * @param value positive, default 5 s
         * @return this builder
         */
        public Builder requestsTimeout(Duration value) {
            settings = settings.withRequestsTimeout(value);
            return this;
        }

        /**
         * Sets where messages from Redis are handled and the adapter's futures complete.
         *
         * @param value default the common fork-join pool
         * @return this builder
         */
        public Builder executor(Executor value) {
            settings = settings.withExecutor(value);
            return this;
        }

        /** @return the options */
        public RedisShardedAdapterOptions build() {
            return new RedisShardedAdapterOptions(this);
        }
    }
}
