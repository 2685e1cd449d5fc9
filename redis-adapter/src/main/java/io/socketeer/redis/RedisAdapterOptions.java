package io.socketeer.redis;

import io.socketeer.redis.internal.AdapterSettings;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The options of the Redis adapter, named as those of {@code @socket.io/redis-adapter} 8.x so that one
 * application configures its Java and Node servers alike. Immutable; built with {@link #builder()}.
 */
public final class RedisAdapterOptions {

    private static final RedisAdapterOptions DEFAULTS = builder().build();

    private final AdapterSettings settings;
    private final boolean publishOnSpecificResponseChannel;

    private RedisAdapterOptions(Builder b) {
        this.settings = b.settings;
        this.publishOnSpecificResponseChannel = b.publishOnSpecificResponseChannel;
    }

    /** @return the defaults: key {@code socket.io}, requests timeout 5 s, responses on the shared channel */
    public static RedisAdapterOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the prefix of every channel name; servers with the same key form one cluster */
    public String key() {
        return settings.prefix();
    }

    /** @return how long a request to the other servers ({@code fetchSockets}, {@code serverSideEmitWithAck})
     *          waits for their answers before failing */
    public Duration requestsTimeout() {
        return settings.requestsTimeout();
    }

    /** @return whether answers to requests go to the requesting server's own response channel
     *          ({@code <key>-response#<nsp>#<uid>#}) instead of the shared one */
    public boolean publishOnSpecificResponseChannel() {
        return publishOnSpecificResponseChannel;
    }

    /** @return where messages from Redis are handled (in order, per namespace) and where the futures the
     *          adapter returns complete; never Lettuce's event loop */
    public Executor executor() {
        return settings.executor();
    }

    /** Builds {@link RedisAdapterOptions}. Not thread-safe. */
    public static final class Builder {
        private AdapterSettings settings = AdapterSettings.DEFAULTS;
        private boolean publishOnSpecificResponseChannel;

        private Builder() {
        }

        /**
         * Sets the channel prefix (Node: {@code key}).
         *
         * @param value the prefix, default {@code socket.io}
         * @return this builder
         */
        public Builder key(String value) {
            settings = settings.withPrefix(value, "key");
            return this;
        }

        /**
         * Sets how long requests wait for the other servers (Node: {@code requestsTimeout}).
         *
         * @param value positive, default 5 s
         * @return this builder
         */
        public Builder requestsTimeout(Duration value) {
            settings = settings.withRequestsTimeout(value);
            return this;
        }

        /**
         * Sets whether this server answers requests on the requester's own response channel (Node:
         * {@code publishOnSpecificResponseChannel}).
         *
         * @param value default {@code false}, as in Node
         * @return this builder
         */
        public Builder publishOnSpecificResponseChannel(boolean value) {
            publishOnSpecificResponseChannel = value;
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
        public RedisAdapterOptions build() {
            return new RedisAdapterOptions(this);
        }
    }
}
