/**
 * Netty handlers of the Socket.IO server (the client bundle). Internal: subject to change without notice.
 */
package io.socketeer.socketio.internal.netty;
