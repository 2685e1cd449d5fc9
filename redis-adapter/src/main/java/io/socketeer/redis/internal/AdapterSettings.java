package io.socketeer.redis.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The settings every Redis adapter's options hold alike, with their defaults and checks: the prefix of its
 * channels (servers with the same prefix form one cluster), how long requests to the other servers wait for
 * answers, and where incoming messages are handled. Immutable.
 *
 * @param prefix the channel prefix, not empty
 * @param requestsTimeout how long requests wait, positive
 * @param executor where messages are handled and futures complete
 */
public record AdapterSettings(String prefix, Duration requestsTimeout, Executor executor) {

    /** The defaults of the reference adapters: prefix {@code socket.io}, 5 s, the common fork-join pool. */
    public static final AdapterSettings DEFAULTS =
            new AdapterSettings("socket.io", Duration.ofSeconds(5), ForkJoinPool.commonPool());

    /**
     * Checks the settings.
     *
     * @param prefix the channel prefix, not empty
     * @param requestsTimeout how long requests wait, positive
     * @param executor where messages are handled
     */
    public AdapterSettings {
        nonEmpty(prefix, "prefix");
        positive(requestsTimeout, "requestsTimeout");
        Objects.requireNonNull(executor);
    }

    /**
     * @param value the channel prefix
     * @param name the option's name, for the failure
     * @return these settings with that prefix
     * @throws IllegalArgumentException if it is empty
     */
    public AdapterSettings withPrefix(String value, String name) {
        return new AdapterSettings(nonEmpty(value, name), requestsTimeout, executor);
    }

    /**
     * @param value how long requests wait
     * @return these settings with that timeout
     * @throws IllegalArgumentException if it is not positive
     */
    public AdapterSettings withRequestsTimeout(Duration value) {
        return new AdapterSettings(prefix, value, executor);
    }

    /**
     * @param value where messages are handled
     * @return these settings with that executor
     */
    public AdapterSettings withExecutor(Executor value) {
        return new AdapterSettings(prefix, requestsTimeout, value);
    }

    /**
     * Checks a name that must not be empty.
     *
     * @param value the name
     * @param name the option's name, for the failure
     * @return the name
     * @throws IllegalArgumentException if it is empty
     */
    public static String nonEmpty(String value, String name) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty " + name);
        }
        return value;
    }

    /**
     * Checks a duration that must be positive.
     *
     * @param value the duration
     * @param name the option's name, for the failure
     * @return the duration
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }
}
