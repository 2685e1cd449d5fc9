/**
 * Annotations for Socket.IO handlers in a Spring application: {@link io.socketeer.spring.boot.annotation.SocketIoController}
 * beans with {@link io.socketeer.spring.boot.annotation.OnConnect}, {@link io.socketeer.spring.boot.annotation.OnDisconnect},
 * {@link io.socketeer.spring.boot.annotation.OnEvent} and {@link io.socketeer.spring.boot.annotation.OnAnyEvent}
 * methods, and the types they answer clients with.
 */
package io.socketeer.spring.boot.annotation;
