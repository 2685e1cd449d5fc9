package io.socketeer.engineio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Decides whether a handshake request may open a session, before any session exists (for example an
 * origin or token check). Asked once per new session; never for requests of an existing session.
 *
 * <p>A refused request is answered with HTTP 403 and {@code {"code":4,"message":"Forbidden"}}, or with the
 * message of the {@link Denied} exception the stage completed with. The check may complete on any thread.
 */
@FunctionalInterface
public interface AllowRequest {

    /**
     * Checks a request.
     *
     * @param request the handshake request
     * @return a stage completing with {@code true} to allow, {@code false} to refuse; completing exceptionally
     *         refuses too
     */
    CompletionStage<Boolean> check(HandshakeRequest request);

    /**
     * Adapts a synchronous check, which runs on the I/O thread and must not block.
     *
     * @param predicate the check
     * @return the hook
     */
    static AllowRequest of(Predicate<HandshakeRequest> predicate) {
        return request -> CompletableFuture.completedFuture(predicate.test(request));
    }

    /**
     * Refuses a request with a message of the application's choosing, sent to the client in the error body.
     */
    final class Denied extends RuntimeException {

        /**
         * Creates the refusal.
         *
         * @param message the message for the client
         */
        public Denied(String message) {
            super(message, null, false, false);
        }
    }
}
