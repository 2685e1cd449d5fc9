/**
 * Actuator support for the auto-configured Socket.IO server: a health indicator and the {@code socketio}
 * endpoint.
 */
package io.socketeer.spring.boot.actuate;
