/**
 * Sends events to a Socket.IO cluster through Redis from a process that serves no clients (a batch job, a
 * REST service, a queue consumer), wire-compatible with {@code @socket.io/redis-emitter} 5.x: start with
 * {@link io.socketeer.redis.emitter.RedisEmitter}.
 */
package io.socketeer.redis.emitter;
