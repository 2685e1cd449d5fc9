package io.socketeer.spring.boot.internal;

import io.socketeer.socketio.Middleware;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.annotation.SocketIoConnectException;
import io.socketeer.spring.boot.annotation.SocketIoMiddleware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Installs every {@link Middleware} bean on the server, in {@code @Order}, on the namespaces its
 * {@link SocketIoMiddleware} names (the main namespace without one). A bean that throws a
 * {@link SocketIoConnectException} refuses the socket with its message and data; any other exception is
 * logged and refuses it with the exception's message, as the server does.
 */
public final class MiddlewareRegistrar implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(MiddlewareRegistrar.class);

    private final ObjectProvider<Middleware> middlewares;
    private final SocketIoServer io;

    /**
     * Creates the registrar.
     *
     * @param middlewares the middleware beans
     * @param io the server
     */
    public MiddlewareRegistrar(ObjectProvider<Middleware> middlewares, SocketIoServer io) {
        this.middlewares = middlewares;
        this.io = io;
    }

    @Override
    public void afterSingletonsInstantiated() {
        middlewares.orderedStream().forEach(m -> {
            SocketIoMiddleware scope = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getTargetClass(m),
                    SocketIoMiddleware.class);
            String[] names = scope == null ? new String[] {"/"} : scope.namespace();
            for (String name : names) {
                io.of(name.startsWith("/") ? name : "/" + name).use(new Guarded(m));
            }
        });
    }

    /** Maps a {@link SocketIoConnectException} to the refusal the client reads. */
    private record Guarded(Middleware delegate) implements Middleware {
        @Override
        public void handle(Socket socket, Next next) {
            try {
                delegate.handle(socket, next);
            } catch (SocketIoConnectException e) {
                log.debug("middleware refused socket {}: {}", socket.id(), e.getMessage());
                next.fail(e.getMessage(), e.data());
            }
        }
    }
}
