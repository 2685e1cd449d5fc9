package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;
import java.util.Set;

/**
 * The state of a socket kept for connection state recovery, and on restore the events it missed.
 *
 * @param sid the socket id
 * @param pid the private session id the client proves itself with
 * @param rooms the rooms it was in
 * @param data the application data attached to it
 * @param missedPackets on restore: the event payloads ({@code [event, args..., offset]}) sent to it since
 *                      the client's offset, in order; empty when persisting
 */
public record PersistedSession(String sid, String pid, Set<String> rooms, Object data, List<ArrayNode> missedPackets) {

    /**
     * Copies the collections.
     *
     * @param sid see the record component
     * @param pid see the record component
     * @param rooms see the record component
     * @param data see the record component
     * @param missedPackets see the record component
     */
    public PersistedSession {
        rooms = Set.copyOf(rooms);
        missedPackets = List.copyOf(missedPackets);
    }
}
