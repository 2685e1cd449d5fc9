package io.socketeer.spring.boot.annotation;

/**
 * Thrown by an {@link OnEvent} method to answer the acknowledgement with an error the client may read: its
 * message reaches the client as {@link SocketIoErrorReply#message()}, with the code {@code "failed"}. Other
 * exceptions answer with a generic message so that internals never reach clients.
 */
public class SocketIoEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the client reads
     */
    public SocketIoEventException(String message) {
        super(message);
    }
}
