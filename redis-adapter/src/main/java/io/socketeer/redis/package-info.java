/**
 * A Socket.IO adapter on Redis pub/sub, wire-compatible with {@code @socket.io/redis-adapter} 8.x: start with
 * {@link io.socketeer.redis.RedisAdapterFactory}.
 */
package io.socketeer.redis;
