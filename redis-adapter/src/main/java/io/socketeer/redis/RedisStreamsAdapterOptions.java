package io.socketeer.redis;

import io.socketeer.redis.internal.AdapterSettings;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The options of the Redis Streams adapter, named as those of {@code @socket.io/redis-streams-adapter} 0.3.x
 * so that one application configures its Java and Node servers alike. Immutable; built with {@link #builder()}.
 */
public final class RedisStreamsAdapterOptions {

    private static final RedisStreamsAdapterOptions DEFAULTS = builder().build();

    private final String streamName;
    private final int streamCount;
    private final String channelPrefix;
    private final boolean useShardedPubSub;
    private final long maxLen;
    private final int readCount;
    private final Duration blockTime;
    private final String sessionKeyPrefix;
    private final Duration requestsTimeout;
    private final Executor executor;

    private RedisStreamsAdapterOptions(Builder b) {
        this.streamName = b.streamName;
        this.streamCount = b.streamCount;
        this.channelPrefix = b.channelPrefix;
        this.useShardedPubSub = b.useShardedPubSub;
        this.maxLen = b.maxLen;
        this.readCount = b.readCount;
        this.blockTime = b.blockTime;
        this.sessionKeyPrefix = b.sessionKeyPrefix;
        this.requestsTimeout = b.requestsTimeout;
        this.executor = b.executor;
    }

    /** @return the defaults, those of the reference */
    public static RedisStreamsAdapterOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the stream's name (Node: {@code streamName}, default {@code socket.io}) */
    public String streamName() {
        return streamName;
    }

    /** @return how many streams the namespaces are spread over (Node: {@code streamCount}, default 1); with
     *          more than one, stream {@code <streamName>-<i>} carries the namespaces whose name hashes to i */
    public int streamCount() {
        return streamCount;
    }

    /** @return the prefix of the pub/sub channels of requests and responses (Node: {@code channelPrefix}) */
    public String channelPrefix() {
        return channelPrefix;
    }

    /** @return whether requests and responses use sharded pub/sub (Node: {@code useShardedPubSub}) */
    public boolean useShardedPubSub() {
        return useShardedPubSub;
    }

    /** @return the approximate number of entries the stream keeps ({@code XADD MAXLEN ~}; Node: {@code maxLen}) */
    public long maxLen() {
        return maxLen;
    }

    /** @return how many entries one {@code XREAD} returns at most (Node: {@code readCount}) */
    public int readCount() {
        return readCount;
    }

    /** @return how long one {@code XREAD} blocks (Node: {@code blockTimeInMs}) */
    public Duration blockTime() {
        return blockTime;
    }

    /** @return the prefix of the keys sessions are kept under (Node: {@code sessionKeyPrefix}) */
    public String sessionKeyPrefix() {
        return sessionKeyPrefix;
    }

    /** @return how long {@code fetchSockets} and {@code serverSideEmitWithAck} wait for the other servers */
    public Duration requestsTimeout() {
        return requestsTimeout;
    }

    /** @return where entries and messages are handled (in order, per namespace) and futures complete */
    public Executor executor() {
        return executor;
    }

    /** Builds {@link RedisStreamsAdapterOptions}. Not thread-safe. */
    public static final class Builder {
        private String streamName = "socket.io";
        private int streamCount = 1;
        private String channelPrefix = AdapterSettings.DEFAULTS.prefix();
        private boolean useShardedPubSub;
        private long maxLen = 10_000;
        private int readCount = 100;
        private Duration blockTime = Duration.ofSeconds(5);
        private String sessionKeyPrefix = "sio:session:";
        private Duration requestsTimeout = AdapterSettings.DEFAULTS.requestsTimeout();
        private Executor executor = AdapterSettings.DEFAULTS.executor();

        private Builder() {
        }

        /**
         * Sets the stream's name.
         *
         * @param value default {@code socket.io}
         * @return this builder
         */
        public Builder streamName(String value) {
            streamName = AdapterSettings.nonEmpty(value, "streamName");
            return this;
        }

        /**
         * Sets the number of streams.
         *
         * @param value at least 1, default 1
         * @return this builder
         */
        public Builder streamCount(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("streamCount must be at least 1");
            }
            streamCount = value;
            return this;
        }

        /**
         * Sets the prefix of the request and response channels.
         *
         * @param value default {@code socket.io}
         * @return this builder
         */
        public Builder channelPrefix(String value) {
            channelPrefix = AdapterSettings.nonEmpty(value, "channelPrefix");
            return this;
        }

        /**
         * Sets whether requests and responses use sharded pub/sub.
         *
         * @param value default {@code false}
         * @return this builder
         */
        public Builder useShardedPubSub(boolean value) {
            useShardedPubSub = value;
            return this;
        }

        /**
         * Sets the approximate length the stream is trimmed to.
         *
         * @param value positive, default 10000
         * @return this builder
         */
        public Builder maxLen(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxLen must be positive");
            }
            maxLen = value;
            return this;
        }

        /**
         * Sets how many entries one read returns at most.
         *
         * @param value positive, default 100
         * @return this builder
         */
        public Builder readCount(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("readCount must be positive");
            }
            readCount = value;
            return this;
        }

        /**
         * Sets how long one read blocks.
         *
         * @param value positive, default 5 s
         * @return this builder
         */
        public Builder blockTime(Duration value) {
            blockTime = AdapterSettings.positive(value, "blockTime");
            return this;
        }

        /**
         * Sets the prefix of the session keys.
         *
         * @param value default {@code sio:session:}
         * @return this builder
         */
        public Builder sessionKeyPrefix(String value) {
            sessionKeyPrefix = AdapterSettings.nonEmpty(value, "sessionKeyPrefix");
            return this;
        }

        /**
         * Sets how long requests wait for the other servers.
         *
         * @param value positive, default 5 s
         * @return this builder
         */
        public Builder requestsTimeout(Duration value) {
            requestsTimeout = AdapterSettings.positive(value, "requestsTimeout");
            return this;
        }

        /**
         * Sets where entries and messages are handled and the adapter's futures complete.
         *
         * @param value default the common fork-join pool
         * @return this builder
         */
        public Builder executor(Executor value) {
            executor = Objects.requireNonNull(value);
            return this;
        }

        /** @return the options */
        public RedisStreamsAdapterOptions build() {
            return new RedisStreamsAdapterOptions(this);
        }
    }
}
