package io.socketeer.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Set;

/**
 * The messages of the {@code socket.io-adapter} cluster protocol, pure: {@code {uid, nsp, type, data}} with
 * a numeric {@link ClusterMessageType}. The sharded pub/sub adapter sends them as JSON text, or as MessagePack
 * when a type that may carry binary does; a reader tells them apart by the first byte ({@code '{'} is JSON).
 */
public final class ClusterMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<ClusterMessageType> MAY_CARRY_BINARY = Set.of(ClusterMessageType.BROADCAST,
            ClusterMessageType.BROADCAST_ACK, ClusterMessageType.FETCH_SOCKETS_RESPONSE,
            ClusterMessageType.SERVER_SIDE_EMIT, ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE);

    private ClusterMessages() {
    }

    /**
     * Builds a message.
     *
     * @param uid the sending adapter
     * @param nsp the namespace
     * @param type the type
     * @param data its data, or {@code null} for none
     * @return {@code {uid, nsp, type, data}}
     */
    public static ObjectNode message(String uid, String nsp, ClusterMessageType type, JsonNode data) {
        ObjectNode m = NODES.objectNode();
        m.put("uid", uid);
        m.put("nsp", nsp);
        m.put("type", type.code());
        if (data != null) {
            m.set("data", data);
        }
        return m;
    }

    /**
     * Returns the type of a message.
     *
     * @param message the message
     * @return its type, or {@code null} when absent or unknown
     */
    public static ClusterMessageType type(JsonNode message) {
        JsonNode t = message.get("type");
        if (t != null && t.isTextual()) {
            try {
                return ClusterMessageType.of(Integer.parseInt(t.textValue()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return t != null && t.isIntegralNumber() ? ClusterMessageType.of(t.intValue()) : null;
    }

    /**
     * Tells whether a message must travel as MessagePack: a type that may carry binary, carrying some.
     *
     * @param type the type
     * @param data the data
     * @return whether to use MessagePack
     */
    public static boolean needsMsgPack(ClusterMessageType type, JsonNode data) {
        return data != null && MAY_CARRY_BINARY.contains(type) && hasBinary(data);
    }

    /**
     * Encodes a message as the sharded adapter does: JSON, or MessagePack when it carries binary.
     *
     * @param message the message
     * @return the bytes
     */
    public static byte[] encode(ObjectNode message) {
        return needsMsgPack(type(message), message.get("data")) ? MsgPack.encode(message) : json(message);
    }

    /**
     * Writes JSON text.
     *
     * @param node a tree without binary
     * @return the UTF-8 bytes
     */
    public static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree always serializes
        }
    }

    /**
     * Decodes a message, JSON when it starts with {@code '{'}, else MessagePack.
     *
     * @param bytes the message
     * @return the message, an object with a known type
     * @throws MalformedMessageException if it is not one
     */
    public static ObjectNode decode(byte[] bytes) {
        JsonNode n;
        if (bytes.length > 0 && bytes[0] == '{') {
            n = parseJson(bytes);
        } else {
            n = MsgPack.decode(bytes);
        }
        return checked(n);
    }

    /**
     * Parses JSON text.
     *
     * @param bytes UTF-8 JSON
     * @return the tree
     * @throws MalformedMessageException if it is not JSON
     */
    public static JsonNode parseJson(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null) {
                throw new MalformedMessageException("empty JSON");
            }
            return n;
        } catch (IOException e) {
            throw new MalformedMessageException("bad JSON: " + e.getMessage());
        }
    }

    /**
     * Checks that a decoded tree is a message.
     *
     * @param n the tree
     * @return it, as an object
     * @throws MalformedMessageException if it has no known type or no namespace
     */
    public static ObjectNode checked(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new MalformedMessageException("not an object");
        }
        if (type(n) == null) {
            throw new MalformedMessageException("unknown message type " + n.get("type"));
        }
        if (!n.path("nsp").isTextual()) {
            throw new MalformedMessageException("message without namespace");
        }
        return (ObjectNode) n;
    }

    /**
     * Tells whether a tree holds a binary value.
     *
     * @param n the tree
     * @return whether it does
     */
    public static boolean hasBinary(JsonNode n) {
        if (n.isBinary()) {
            return true;
        }
        if (n.isContainerNode()) {
            for (JsonNode e : n) {
                if (hasBinary(e)) {
                    return true;
                }
            }
        }
        return false;
    }
}
