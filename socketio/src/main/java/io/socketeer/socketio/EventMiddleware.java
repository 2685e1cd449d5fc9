package io.socketeer.socketio;

/**
 * Checks each event a socket receives before its listeners see it, as the reference's {@code socket.use}: to
 * refuse events a user may not send, validate arguments, rate-limit. {@code onAny} listeners see the event
 * before the middlewares; an event a middleware fails reaches no listener, and the failure goes to the
 * socket's {@link Socket#onError error listeners}.
 *
 * <pre>{@code
 * socket.use((event, args, next) -> {
 *     if (event.startsWith("admin:") && !isAdmin(socket)) {
 *         next.fail(new IllegalAccessException("unauthorized event"));
 *     } else {
 *         next.proceed();
 *     }
 * });
 * socket.onError(err -> socket.disconnect());
 * }</pre>
 *
 * <p>Threading: called on the socket's executor, in the order the events came. {@code next} may be called
 * later from any thread; an event then goes on on the socket's executor, and may overtake those that came
 * before it, as in the reference.
 */
@FunctionalInterface
public interface EventMiddleware {

    /**
     * Checks an event.
     *
     * @param event the event name
     * @param args its arguments (without the acknowledgement); a middleware may change them
     * @param next how to go on: exactly one call
     */
    void handle(String event, EventArgs args, Next next);

    /** Lets an event go on, or stops it. */
    interface Next {

        /** Passes the event to the next middleware, or to the listeners after the last one. */
        void proceed();

        /**
         * Stops the event: no listener sees it, and the error listeners get the error.
         *
         * @param error why; {@code null} stands for an {@link IllegalStateException} naming the event
         */
        void fail(Throwable error);
    }
}
