/**
 * The MessagePack parser of Socket.IO, wire-compatible with {@code socket.io-msgpack-parser} 3.x (npm):
 * {@link io.socketeer.msgpack.MsgpackParser}, chosen with
 * {@link io.socketeer.socketio.SocketIoOptions.Builder#parser(io.socketeer.socketio.parser.SocketIoParser)}.
 */
package io.socketeer.msgpack;
