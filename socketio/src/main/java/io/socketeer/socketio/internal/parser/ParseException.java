package io.socketeer.socketio.internal.parser;

/**
 * A Socket.IO packet that does not follow the protocol; closes the client that sent it. Carries no stack
 * trace: client mistakes are logged at debug level.
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
