package io.socketeer.spring.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when a socket has joined the controller's namespace (after the middlewares let it in). Parameters:
 * {@link io.socketeer.socketio.Socket}, {@link io.socketeer.socketio.Handshake}, and one parameter annotated
 * {@link Auth} for the client's {@code auth} payload converted to its type.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {
}
