package io.socketeer.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, instead of sleeping for a guessed time.
 */
public final class Await {

    /** The deadline used when a test names none. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await() {
    }

    /**
     * Polls {@code condition} until it holds, failing once {@code timeout} has passed.
     *
     * @param what what is awaited, for the failure message
     * @param timeout the deadline
     * @param condition the condition
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Polls {@code condition} until it holds, with the {@linkplain #DEFAULT default deadline}.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition
     */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    /**
     * Polls {@code value} until it returns something other than {@code null}.
     *
     * @param what what is awaited
     * @param value the supplier
     * @param <T> the value type
     * @return the first non-null value
     */
    public static <T> T value(String what, Supplier<T> value) {
        Object[] holder = new Object[1];
        until(what, () -> (holder[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T result = (T) holder[0];
        return result;
    }
}
