package io.socketeer.spring.boot.annotation;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bean whose {@link OnConnect}, {@link OnDisconnect}, {@link OnEvent} and {@link OnAnyEvent} methods handle
 * the sockets of one namespace, as a {@code @Controller} handles HTTP requests.
 *
 * <pre>
 * &#64;SocketIoController(namespace = "/chat")
 * class ChatController {
 *     &#64;OnEvent("message")
 *     Receipt message(Socket socket, ChatMessage message) {
 *         socket.broadcast().emit("message", message);
 *         return new Receipt(message.id());
 *     }
 * }
 * </pre>
 *
 * Handler methods run where the server runs listeners: on the socket's handler executor (off the I/O
 * threads, one event of a socket at a time, in order) unless {@code socketeer.handlers-on-event-loop}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SocketIoController {

    /**
     * The namespace, {@code /} by default; alias of {@link #namespace()}.
     *
     * @return the namespace name
     */
    @AliasFor("namespace")
    String value() default "/";

    /**
     * The namespace, {@code /} by default.
     *
     * @return the namespace name
     */
    @AliasFor("value")
    String namespace() default "/";

    /**
     * A regular expression for dynamic namespaces (e.g. {@code ^/room-\d+$}): every namespace whose whole name
     * matches is created on demand and handled by this controller. When set, {@link #namespace()} is
     * ignored.
     *
     * @return the pattern, or empty
     */
    String pattern() default "";
}
