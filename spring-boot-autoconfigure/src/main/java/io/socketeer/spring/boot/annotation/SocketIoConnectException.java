package io.socketeer.spring.boot.annotation;

/**
 * Thrown by a {@link io.socketeer.socketio.Middleware} bean to refuse a socket: the client gets a
 * {@code connect_error} whose {@code message} is this exception's message and whose {@code data} is
 * {@link #data()}. (An {@link OnConnect} method runs once the socket is in; what it throws is only logged.)
 */
public class SocketIoConnectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object data;

    /**
     * Creates the exception.
     *
     * @param message the client's {@code err.message}
     * @param data the client's {@code err.data}: any value Jackson can write, or {@code null}
     */
    public SocketIoConnectException(String message, Object data) {
        super(message);
        this.data = data;
    }

    /** @return the client's {@code err.data}, or {@code null} */
    public Object data() {
        return data;
    }
}
