package io.socketeer.socketio.internal;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.ConnectionError;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.Transport;
import io.socketeer.socketio.SocketIoObserver;
import io.socketeer.socketio.adapter.PacketType;

import java.util.List;

/**
 * Two observers called one after the other; a chain of them holds any number. The Engine.IO callbacks go to
 * both too, though the engine only knows the observer of the options.
 *
 * @param first called first
 * @param second called next
 */
record ObserverPair(SocketIoObserver first, SocketIoObserver second) implements SocketIoObserver {

    @Override
    public void handshakeRefused(String reason) {
        first.handshakeRefused(reason);
        second.handshakeRefused(reason);
    }

    @Override
    public void upgradeFailed(String reason) {
        first.upgradeFailed(reason);
        second.upgradeFailed(reason);
    }

    @Override
    public void connectionError(ConnectionError error) {
        first.connectionError(error);
        second.connectionError(error);
    }

    @Override
    public void connectionOpened(Transport transport) {
        first.connectionOpened(transport);
        second.connectionOpened(transport);
    }

    @Override
    public void connectionUpgraded() {
        first.connectionUpgraded();
        second.connectionUpgraded();
    }

    @Override
    public void connectionClosed(Transport transport, CloseReason reason) {
        first.connectionClosed(transport, reason);
        second.connectionClosed(transport, reason);
    }

    @Override
    public void socketConnected(String namespace) {
        first.socketConnected(namespace);
        second.socketConnected(namespace);
    }

    @Override
    public void socketDisconnected(String namespace) {
        first.socketDisconnected(namespace);
        second.socketDisconnected(namespace);
    }

    @Override
    public void messageReceived(int bytes) {
        first.messageReceived(bytes);
        second.messageReceived(bytes);
    }

    @Override
    public void packetReceived(PacketType type) {
        first.packetReceived(type);
        second.packetReceived(type);
    }

    @Override
    public void packetSent(List<EngineIoMessage> messages) {
        first.packetSent(messages);
        second.packetSent(messages);
    }

    @Override
    public void ackReceived(String namespace, long nanos) {
        first.ackReceived(namespace, nanos);
        second.ackReceived(namespace, nanos);
    }
}
