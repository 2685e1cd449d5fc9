package io.socketeer.socketio.adapter;

import io.socketeer.socketio.RemoteSocket;

import java.util.Collection;

/**
 * What an adapter may ask of the namespace it serves on this server.
 */
public interface AdapterNamespace {

    /** @return the namespace name */
    String name();

    /**
     * Returns a socket connected to this server.
     *
     * @param id the socket id
     * @return the socket, or {@code null}
     */
    RemoteSocket localSocket(String id);

    /**
     * Encodes a packet once and writes it to local sockets.
     *
     * @param packet the packet
     * @param socketIds the receivers (ids that are not connected here are skipped)
     * @param options the flags
     * @param acks where the answers go when the packet asks for acknowledgements, else {@code null}
     * @return the number of sockets the packet was written to
     */
    int deliver(OutgoingPacket packet, Iterable<String> socketIds, BroadcastOptions options, AckCollector acks);

    /**
     * Returns how long sessions and events are kept for connection state recovery.
     *
     * @return the window, or {@code null} when recovery is off
     */
    java.time.Duration recoveryWindow();

    /** @return the ids of the sockets connected here */
    Collection<String> localSocketIds();
}
