/**
 * Engine.IO server API: {@link io.socketeer.engineio.EngineIoServer}, its
 * {@link io.socketeer.engineio.EngineIoOptions}, the {@link io.socketeer.engineio.EngineIoListener} seam and
 * the {@link io.socketeer.engineio.EngineIoSession} it hands out. This module knows nothing of Socket.IO.
 */
package io.socketeer.engineio;
