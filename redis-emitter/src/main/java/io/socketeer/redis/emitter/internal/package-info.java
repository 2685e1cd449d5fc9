/**
 * Internals of the Redis emitter: the MessagePack writer. Subject to change without notice.
 */
package io.socketeer.redis.emitter.internal;
