package io.socketeer.socketio.parser;

/**
 * A message that a {@link SocketIoParser.Decoder} cannot read: the client that sent it is disconnected.
 * Carries no stack trace, since client mistakes are expected and only logged at debug level.
 */
public final class MalformedPacketException extends Exception {

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
