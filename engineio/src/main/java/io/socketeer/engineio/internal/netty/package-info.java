/**
 * Netty handlers of the Engine.IO server: the HTTP router and body gatherer, the WebSocket frame reader, and
 * the fallback of a standalone server. Internal: subject to change without notice.
 */
package io.socketeer.engineio.internal.netty;
