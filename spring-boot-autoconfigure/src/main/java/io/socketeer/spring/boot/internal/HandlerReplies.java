package io.socketeer.spring.boot.internal;

import io.socketeer.socketio.Ack;
import io.socketeer.spring.boot.annotation.SocketIoErrorReply;
import io.socketeer.spring.boot.annotation.SocketIoEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Turns what an event handler method returned or threw into the acknowledgement: the value (once a
 * {@code CompletionStage} or {@code Mono} completes), or a {@link SocketIoErrorReply}. Every failure is logged
 * here, the one place handler errors go to.
 */
final class HandlerReplies {

    private static final Logger log = LoggerFactory.getLogger(HandlerReplies.class);

    private static final boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Mono",
            HandlerReplies.class.getClassLoader());

    private HandlerReplies() {
    }

    /**
     * Runs an event handler method and answers its acknowledgement.
     *
     * @param handler the method
     * @param inv the call
     */
    static void handleEvent(HandlerMethod handler, HandlerInvocation inv) {
        Object result;
        try {
            result = handler.invoke(inv);
        } catch (Throwable e) {
            fail(handler, inv, e);
            return;
        }
        Ack ack = inv.ack();
        CompletableFuture<?> async = async(result);
        if (async != null) {
            async.whenComplete((value, error) -> {
                if (error != null) {
                    fail(handler, inv, unwrap(error));
                } else if (ack != null && ack.requested()) {
                    ack.send(value);
                }
            });
            return;
        }
        if (ack == null || !ack.requested() || handler.kind() != HandlerMethod.Kind.EVENT) {
            return;
        }
        if (handler.isVoid()) {
            if (!handler.takesAck()) {
                ack.send();
            }
        } else {
            ack.send(result);
        }
    }

    /**
     * Runs a connect or disconnect handler method; its failures are logged.
     *
     * @param handler the method
     * @param inv the call
     */
    static void handleLifecycle(HandlerMethod handler, HandlerInvocation inv) {
        try {
            Object result = handler.invoke(inv);
            CompletableFuture<?> async = async(result);
            if (async != null) {
                async.whenComplete((v, e) -> {
                    if (e != null) {
                        log.warn("{} failed for socket {}", handler.describe(), inv.socket().id(), unwrap(e));
                    }
                });
            }
        } catch (Throwable e) {
            log.warn("{} failed for socket {}", handler.describe(), inv.socket().id(), e);
        }
    }

    private static CompletableFuture<?> async(Object result) {
        if (result instanceof CompletionStage<?> stage) {
            return stage.toCompletableFuture();
        }
        if (REACTOR && result != null) {
            return ReactorSupport.toFuture(result);
        }
        return null;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static void fail(HandlerMethod handler, HandlerInvocation inv, Throwable e) {
        SocketIoErrorReply reply;
        if (e instanceof BadArgumentException bad) {
            log.debug("{}: socket {} sent a bad argument for {}: {}", handler.describe(), inv.socket().id(),
                    inv.event(), bad.getMessage());
            reply = new SocketIoErrorReply(bad.violations().isEmpty() ? "bad_argument" : "invalid",
                    bad.getMessage(), bad.violations());
        } else if (e instanceof SocketIoEventException failed) {
            log.debug("{} refused event {} of socket {}: {}", handler.describe(), inv.event(), inv.socket().id(),
                    failed.getMessage());
            reply = new SocketIoErrorReply("failed", failed.getMessage(), List.of());
        } else {
            log.warn("{} failed on event {} of socket {}", handler.describe(), inv.event(), inv.socket().id(), e);
            reply = new SocketIoErrorReply("internal", "internal error", List.of());
        }
        Ack ack = inv.ack();
        if (ack != null && ack.requested()) {
            ack.send(reply);
        }
    }
}
