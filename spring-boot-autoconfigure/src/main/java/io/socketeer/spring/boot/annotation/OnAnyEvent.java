package io.socketeer.spring.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Catch-all: called for each event of the controller's namespace that no {@link OnEvent} method of the
 * namespace handles, as the JavaScript server's {@code socket.onAny} sees it. Parameters as for
 * {@link OnEvent} except the {@code Ack}, plus one {@link EventName} {@code String} for the event's name.
 * It cannot answer an acknowledgement (as {@code onAny}): its return value is ignored.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnAnyEvent {
}
