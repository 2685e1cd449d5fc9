/**
 * Spring Boot auto-configuration of a Socketeer {@code SocketIoServer}: the {@code socketeer.*} properties
 * ({@link io.socketeer.spring.boot.SocketeerProperties}), the {@link io.socketeer.spring.boot.SocketIoOptionsCustomizer}
 * hook, the same-port mode inside a WebFlux application's Reactor Netty server and the own-port mode, both
 * started and stopped with the application context.
 */
package io.socketeer.spring.boot;
