package io.socketeer.socketio.parser;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.socketio.adapter.PacketType;

/**
 * A packet read from a client by a {@link SocketIoParser.Decoder}.
 *
 * @param type the type
 * @param namespace the namespace, {@code /} for the main one
 * @param id the ack id, or -1 when there is none
 * @param data the payload, or {@code null} when there is none; binary values as
 *             {@link com.fasterxml.jackson.databind.node.BinaryNode}s
 */
public record DecodedPacket(PacketType type, String namespace, long id, JsonNode data) {
}
