package io.socketeer.spring.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when a socket has left the controller's namespace. Parameters: {@link io.socketeer.socketio.Socket},
 * {@link io.socketeer.socketio.DisconnectReason}, or a {@code String} for the reason as the JavaScript server
 * names it (e.g. {@code "client namespace disconnect"}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnDisconnect {
}
