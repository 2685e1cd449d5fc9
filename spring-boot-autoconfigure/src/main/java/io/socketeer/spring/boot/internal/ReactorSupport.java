package io.socketeer.spring.boot.internal;

import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

/** Reactor's {@code Mono} as a return value, in a class of its own: loaded only when Reactor is present. */
final class ReactorSupport {

    private ReactorSupport() {
    }

    static CompletableFuture<?> toFuture(Object value) {
        return value instanceof Mono<?> mono ? mono.toFuture() : null;
    }
}
