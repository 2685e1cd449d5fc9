/**
 * Socket.IO server API: {@link io.socketeer.socketio.SocketIoServer}, namespaces, sockets, events with
 * acknowledgements, rooms and broadcasting. No Netty types except the optional handler for mounting the
 * server in your own pipeline.
 */
package io.socketeer.socketio;
