package io.socketeer.engineio.internal.protocol;

/**
 * A payload or packet that does not follow the protocol. Thrown for client mistakes, so it carries no
 * stack trace: it is answered with the protocol's error and logged at debug level.
 */
public final class ParseException extends Exception {

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public ParseException(String message) {
        super(message, null, false, false);
    }
}
