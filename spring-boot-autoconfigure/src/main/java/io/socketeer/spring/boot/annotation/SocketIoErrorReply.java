package io.socketeer.spring.boot.annotation;

import java.util.List;

/**
 * The acknowledgement an annotated handler answers with when it cannot give a result: one object the
 * client reads as {@code res.error} and {@code res.message}.
 *
 * @param error a stable code: {@code "bad_argument"} (an argument did not convert), {@code "invalid"}
 *              (validation failed; see {@code violations}), {@code "failed"} (a {@link SocketIoEventException}
 *              of the handler) or {@code "internal"} (any other exception, whose details are only logged)
 * @param message a readable message
 * @param violations the validation failures, or empty
 */
public record SocketIoErrorReply(String error, String message, List<Violation> violations) {

    /**
     * One validation failure.
     *
     * @param path the property path, e.g. {@code text}
     * @param message the constraint's message
     */
    public record Violation(String path, String message) {
    }
}
