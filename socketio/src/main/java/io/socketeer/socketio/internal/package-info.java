/**
 * The Socket.IO server implementation: one client per Engine.IO session, namespaces, sockets, broadcast
 * operators, serial executors. Internal: subject to change without notice.
 */
package io.socketeer.socketio.internal;
