package io.socketeer.redis.emitter;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Objects;

/**
 * The options of a {@link RedisEmitter}, named as those of {@code @socket.io/redis-emitter}. Immutable; built
 * with {@link #builder()}.
 */
public final class RedisEmitterOptions {

    private static final RedisEmitterOptions DEFAULTS = builder().build();

    private final String key;
    private final ObjectMapper mapper;

    private RedisEmitterOptions(Builder b) {
        this.key = b.key;
        this.mapper = b.mapper;
    }

    /** @return the defaults: key {@code socket.io}, a plain {@link ObjectMapper} */
    public static RedisEmitterOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the prefix of the channels; the same as the {@code key} of the cluster's Redis adapter */
    public String key() {
        return key;
    }

    /** @return converts event arguments to trees ({@code byte[]} arguments become binary attachments) */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Builds {@link RedisEmitterOptions}. Not thread-safe. */
    public static final class Builder {
        private String key = "socket.io";
        private ObjectMapper mapper = new ObjectMapper();

        private Builder() {
        }

        /**
         * Sets the channel prefix (Node: {@code key}).
         *
         * @param value the prefix of the cluster's adapter, default {@code socket.io}
         * @return this builder
         */
        public Builder key(String value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("empty key");
            }
            key = value;
            return this;
        }

        /**
         * Sets the mapper that turns arguments into JSON trees.
         *
         * @param value the mapper, default a new {@link ObjectMapper}
         * @return this builder
         */
        public Builder mapper(ObjectMapper value) {
            mapper = Objects.requireNonNull(value);
            return this;
        }

        /** @return the options */
        public RedisEmitterOptions build() {
            return new RedisEmitterOptions(this);
        }
    }
}
