/**
 * The parser SPI: how Socket.IO packets travel in Engine.IO messages. Without one configured, a server speaks
 * the text format of {@code socket.io-parser} (the default of every Socket.IO client); an alternative such as
 * the MessagePack parser of {@code socketeer-msgpack-parser} is chosen with
 * {@link io.socketeer.socketio.SocketIoOptions.Builder#parser(SocketIoParser)}, and the clients must then use
 * the matching parser too.
 */
package io.socketeer.socketio.parser;
