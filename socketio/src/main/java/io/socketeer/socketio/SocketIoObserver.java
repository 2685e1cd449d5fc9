package io.socketeer.socketio;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoObserver;
import io.socketeer.engineio.Transport;
import io.socketeer.socketio.adapter.PacketType;

import java.util.List;

/**
 * Learns of connections, sockets, packets and acknowledgements, for metrics (see the
 * {@code socketeer-micrometer} module). Every method has a default that does nothing, so an observer
 * overrides only what it counts; a server without one calls a no-op. Set with
 * {@link SocketIoOptions.Builder#observer(SocketIoObserver)}; it also observes the Engine.IO server unless
 * its options name another {@link EngineIoObserver}.
 *
 * <p>Callbacks run on I/O threads or on the threads of listeners, possibly several at once; they must be
 * quick, thread-safe and must not throw.
 */
public interface SocketIoObserver extends EngineIoObserver {

    /** The observer that observes nothing (the default). */
    SocketIoObserver NONE = new SocketIoObserver() {
    };

    /**
     * An Engine.IO connection opened.
     *
     * @param transport its first transport
     */
    default void connectionOpened(Transport transport) {
    }

    /** A connection upgraded from polling to WebSocket. */
    default void connectionUpgraded() {
    }

    /**
     * A connection closed.
     *
     * @param transport the transport it was on
     * @param reason why
     */
    default void connectionClosed(Transport transport, CloseReason reason) {
    }

    /**
     * A socket joined a namespace (after its middlewares).
     *
     * @param namespace the namespace name
     */
    default void socketConnected(String namespace) {
    }

    /**
     * A socket left a namespace.
     *
     * @param namespace the namespace name
     */
    default void socketDisconnected(String namespace) {
    }

    /**
     * An Engine.IO message arrived from a client: a packet, or one binary attachment of a packet.
     *
     * @param bytes its data length
     */
    default void messageReceived(int bytes) {
    }

    /**
     * A client's packet was decoded (attachments included) and is routed.
     *
     * @param type its type
     */
    default void packetReceived(PacketType type) {
    }

    /**
     * A packet was handed to one connection (a broadcast counts once per receiver); a volatile packet may
     * still be dropped after this.
     *
     * @param messages the Engine.IO messages that carry it; not to be modified
     */
    default void packetSent(List<EngineIoMessage> messages) {
    }

    /**
     * A client answered an acknowledgement a socket asked for ({@code emitWithAck}).
     *
     * @param namespace the socket's namespace
     * @param nanos the time from the emit to the answer
     */
    default void ackReceived(String namespace, long nanos) {
    }
}
