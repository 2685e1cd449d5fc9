package io.socketeer.spring.boot.internal;

import io.socketeer.spring.boot.annotation.SocketIoErrorReply;

import java.util.List;

/** An argument of the client that does not fit a handler's parameter: answered, never thrown to the socket. */
final class BadArgumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<SocketIoErrorReply.Violation> violations;

    BadArgumentException(String message) {
        this(message, List.of());
    }

    BadArgumentException(String message, List<SocketIoErrorReply.Violation> violations) {
        super(message, null, false, false);
        this.violations = violations;
    }

    List<SocketIoErrorReply.Violation> violations() {
        return violations;
    }
}
