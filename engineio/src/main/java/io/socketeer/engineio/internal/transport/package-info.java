/**
 * Engine.IO transports: HTTP long-polling (XHR, and JSONP for v3) and WebSocket, and the HTTP answers they
 * write. Internal: subject to change without notice.
 */
package io.socketeer.engineio.internal.transport;
