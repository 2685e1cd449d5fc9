/**
 * The Redis adapter's implementation: the MessagePack and JSON codec of the cluster messages, the adapter,
 * the pub/sub routing and the handles of sockets on other servers. Subject to change; not an API.
 */
package io.socketeer.redis.internal;
