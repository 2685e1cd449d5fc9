/**
 * Socket.IO packets and their codec (protocol v5, and v4 for socket.io-client 2.x): pure functions from text
 * and binary messages to packets and back, plus the per-connection reassembly of binary attachments.
 * Internal: subject to change without notice.
 */
package io.socketeer.socketio.internal.parser;
