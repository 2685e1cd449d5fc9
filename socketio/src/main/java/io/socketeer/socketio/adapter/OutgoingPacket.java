package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A packet to broadcast, before encoding: what a cluster adapter forwards to other servers.
 *
 * @param type EVENT (binary data inside turns it into BINARY_EVENT when encoded)
 * @param namespace the namespace
 * @param data the event name followed by its arguments; binary values as
 *             {@link com.fasterxml.jackson.databind.node.BinaryNode}s
 * @param id the ack id, or -1 when no acknowledgement is asked for
 */
public record OutgoingPacket(PacketType type, String namespace, ArrayNode data, long id) {
}
