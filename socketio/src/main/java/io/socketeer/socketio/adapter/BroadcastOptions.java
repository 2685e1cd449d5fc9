package io.socketeer.socketio.adapter;

import java.util.Set;

/**
 * Which sockets a broadcast reaches and how.
 *
 * @param rooms the target rooms; empty for every socket of the namespace
 * @param except sockets in these rooms are left out (a socket id is a room too)
 * @param volatileFlag drop the packet for sockets that cannot take it at once
 * @param local reach this server's sockets only
 * @param compress ask the transport to compress
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean volatileFlag, boolean local,
                               boolean compress) {

    /** Every socket, no flags. */
    public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), false, false, true);

    /**
     * Copies the sets.
     *
     * @param rooms see the record component
     * @param except see the record component
     * @param volatileFlag see the record component
     * @param local see the record component
     * @param compress see the record component
     */
    public BroadcastOptions {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }

    /**
     * Returns the same selection limited to this server.
     *
     * @return the options with {@code local} set
     */
    public BroadcastOptions asLocal() {
        return local ? this : new BroadcastOptions(rooms, except, volatileFlag, true, compress);
    }
}
