/**
 * The Engine.IO server core: request validation, handshakes and the session registry.
 * Internal: subject to change without notice.
 */
package io.socketeer.engineio.internal;
