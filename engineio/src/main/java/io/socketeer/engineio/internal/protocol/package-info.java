/**
 * Engine.IO packets and payload codecs for protocol v4 and v3: pure functions from bytes to packets and back,
 * with no I/O. Internal: subject to change without notice.
 */
package io.socketeer.engineio.internal.protocol;
