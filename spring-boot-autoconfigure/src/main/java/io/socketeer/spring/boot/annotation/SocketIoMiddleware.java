package io.socketeer.spring.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Scopes a {@link io.socketeer.socketio.Middleware} bean to a namespace. Every {@code Middleware} bean is
 * installed on the auto-configured server, in {@code @Order}; without this annotation on the main namespace
 * {@code /} (as {@code io.use}). A middleware that throws a {@link SocketIoConnectException} refuses the
 * socket with a {@code connect_error} carrying its message and data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SocketIoMiddleware {

    /**
     * The namespace names the middleware applies to; {@code /} by default.
     *
     * @return the names
     */
    String[] namespace() default {"/"};
}
