package io.socketeer.spring.boot.internal;

/**
 * The same-port hook as the lifecycle sees it: an interface of its own, so that applications without
 * Reactor Netty never load the Reactor Netty types of {@link ReactorNettySocketIo}.
 */
public interface SamePortHook {

    /** @return whether the application's web server took the hook (it then serves Socket.IO) */
    boolean applied();
}
