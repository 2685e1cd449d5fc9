package io.socketeer.redis.internal;

/**
 * A message on one of the adapter's channels that it cannot read: foreign, truncated or not of the expected
 * shape. It is logged and dropped.
 */
public final class MalformedMessageException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong
     */
    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
