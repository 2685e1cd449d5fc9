package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.socketio.adapter.PacketType;

/**
 * A decoded Socket.IO packet. Binary attachments are already back in place in {@code data}, as
 * {@link com.fasterxml.jackson.databind.node.BinaryNode}s where the placeholders were.
 *
 * @param type the type; binary types are reported as their plain counterpart is not: they stay BINARY_*
 * @param namespace the namespace, {@code /} when absent (for v4 clients without any query string)
 * @param query for protocol v4 (socket.io-client 2.x) a CONNECT's query string after {@code ?}, else {@code null}
 * @param id the ack id, or -1
 * @param data the JSON payload, or {@code null}
 */
public record Packet(PacketType type, String namespace, String query, long id, JsonNode data) {

    /** @return whether an ack id is present */
    public boolean hasId() {
        return id >= 0;
    }
}
