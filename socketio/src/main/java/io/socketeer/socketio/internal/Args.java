package io.socketeer.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.socketeer.socketio.EventArgs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * Turns application values into the JSON trees packets carry. Common values are converted directly;
 * anything else goes through Jackson, where {@code byte[]} becomes a binary node (an attachment).
 */
public final class Args {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Args() {
    }

    /**
     * Builds {@code [event, args...]}.
     *
     * @param mapper the mapper
     * @param event the event name
     * @param args the arguments
     * @return the array
     */
    public static ArrayNode event(ObjectMapper mapper, String event, Object[] args) {
        ArrayNode a = NODES.arrayNode(args.length + 1);
        a.add(event);
        for (Object arg : args) {
            a.add(toNode(mapper, arg));
        }
        return a;
    }

    /**
     * Builds an array of arguments.
     *
     * @param mapper the mapper
     * @param args the arguments
     * @return the array
     */
    public static ArrayNode array(ObjectMapper mapper, Object[] args) {
        ArrayNode a = NODES.arrayNode(args.length);
        for (Object arg : args) {
            a.add(toNode(mapper, arg));
        }
        return a;
    }

    /**
     * Converts one value.
     *
     * @param mapper the mapper
     * @param value the value
     * @return its tree
     */
    public static JsonNode toNode(ObjectMapper mapper, Object value) {
        if (value == null) {
            return NullNode.instance;
        }
        if (value instanceof JsonNode n) {
            return n;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof byte[] bytes) {
            return BinaryNode.valueOf(bytes);
        }
        if (value instanceof ByteBuffer buf) {
            byte[] bytes = new byte[buf.remaining()];
            buf.duplicate().get(bytes);
            return BinaryNode.valueOf(bytes);
        }
        if (value instanceof BigInteger b) {
            return NODES.numberNode(b);
        }
        if (value instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (value instanceof EventArgs ea) {
            return ea.raw();
        }
        return mapper.valueToTree(value);
    }
}
