package io.socketeer.spring.boot.annotation;

import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles an event of the controller's namespace.
 *
 * <p>Parameters are resolved by type: {@link io.socketeer.socketio.Socket}, {@link io.socketeer.socketio.Ack},
 * {@link io.socketeer.socketio.EventArgs} (all arguments, raw); every other parameter takes the event's next
 * argument by position, converted with the server's Jackson 2 mapper ({@code byte[]} for a binary argument,
 * a record or POJO for an object, {@code JsonNode} for anything). Annotate such a parameter
 * {@code @jakarta.validation.Valid} to validate it when a validator is present.
 *
 * <p>When the client asked for an acknowledgement, the method's return value answers it: a plain value,
 * or the value a {@code CompletionStage} or a Reactor {@code Mono} completes with; {@code void} answers with
 * no arguments unless the method takes the {@code Ack} and answers itself. An argument that does not
 * convert, a validation failure or an exception answers with one error object
 * ({@code {"error": "...", "message": "..."}}, see {@link SocketIoErrorReply}); without an acknowledgement it is
 * only logged.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnEvent {

    /**
     * The event name; alias of {@link #event()}.
     *
     * @return the name
     */
    @AliasFor("event")
    String value() default "";

    /**
     * The event name; the method's name when empty.
     *
     * @return the name
     */
    @AliasFor("value")
    String event() default "";
}
