package io.socketeer.spring.boot.internal;

import io.socketeer.socketio.Ack;
import io.socketeer.socketio.DisconnectReason;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.Socket;

/**
 * What one call of a handler method may draw its arguments from.
 *
 * @param socket the socket
 * @param event the event name, or {@code null} for connect and disconnect
 * @param args the event's arguments, or {@code null}
 * @param ack the acknowledgement, or {@code null}
 * @param reason the disconnect reason, or {@code null}
 */
record HandlerInvocation(Socket socket, String event, EventArgs args, Ack ack, DisconnectReason reason) {
}
