package io.socketeer.socketio;

/**
 * Runs before a socket joins a namespace; may refuse it. Middlewares run in the order they were added, on
 * the socket's handler executor; each must call exactly one of {@link Next#proceed()} or
 * {@link Next#fail}, now or later (from any thread).
 *
 * <pre>{@code
 * io.use((socket, next) -> {
 *     String token = socket.handshake().auth().path("token").asText(null);
 *     if (isValid(token)) next.proceed(); else next.fail("unauthorized");
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {

    /**
     * Checks a socket.
     *
     * @param socket the socket, not connected yet (it cannot emit)
     * @param next how to continue
     */
    void handle(Socket socket, Next next);

    /** Continues or stops the middleware chain. */
    interface Next {

        /** Lets the socket through to the next middleware, or into the namespace. */
        void proceed();

        /**
         * Refuses the socket: the client gets a {@code connect_error} with this message.
         *
         * @param message the error message
         */
        default void fail(String message) {
            fail(message, null);
        }

        /**
         * Refuses the socket with a message and data (the client's {@code err.data}).
         *
         * @param message the error message
         * @param data any value Jackson can write, or {@code null}
         */
        void fail(String message, Object data);
    }
}
