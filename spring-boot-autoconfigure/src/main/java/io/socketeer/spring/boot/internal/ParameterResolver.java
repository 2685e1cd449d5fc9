package io.socketeer.spring.boot.internal;

/** Produces the value of one handler method parameter; chosen once per method, at start-up. */
@FunctionalInterface
interface ParameterResolver {

    /**
     * Resolves the value.
     *
     * @param invocation the call
     * @return the value
     * @throws BadArgumentException when the client's argument does not fit
     */
    Object resolve(HandlerInvocation invocation);
}
