/**
 * Micrometer metrics for a Socketeer Socket.IO server: {@link io.socketeer.micrometer.SocketIoMetrics}.
 */
package io.socketeer.micrometer;
