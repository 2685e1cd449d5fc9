package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts the binary attachments of one connection back into their packet. A binary packet's text comes
 * first, then its attachments as Engine.IO binary messages, in order; nothing else may come between them.
 * One instance per connection, used on that connection's thread only.
 */
public final class BinaryReassembler {

    private Packet pending;
    private int expected;
    private final List<byte[]> buffers = new ArrayList<>();

    /** @return whether attachments are awaited */
    public boolean awaiting() {
        return pending != null;
    }

    /**
     * Starts waiting for the attachments of a packet.
     *
     * @param packet the packet with placeholders
     * @param attachments how many attachments follow
     */
    public void start(Packet packet, int attachments) {
        pending = packet;
        expected = attachments;
        buffers.clear();
    }

    /**
     * Adds an attachment.
     *
     * @param data the bytes
     * @return the complete packet once the last attachment arrived, else {@code null}
     * @throws ParseException if no packet awaits attachments, or the placeholders do not match them
     */
    public Packet add(byte[] data) throws ParseException {
        if (pending == null) {
            throw new ParseException("binary data without a pending binary packet");
        }
        buffers.add(data);
        if (buffers.size() < expected) {
            return null;
        }
        Packet p = pending;
        pending = null;
        boolean[] used = new boolean[expected];
        JsonNode data2 = replace(p.data(), used);
        buffers.clear();
        for (boolean u : used) {
            if (!u) {
                throw new ParseException("attachment without placeholder");
            }
        }
        return new Packet(p.type(), p.namespace(), p.query(), p.id(), data2);
    }

    /** Forgets a pending packet (the connection closed). */
    public void reset() {
        pending = null;
        buffers.clear();
    }

    private JsonNode replace(JsonNode node, boolean[] used) throws ParseException {
        if (node instanceof ObjectNode obj) {
            JsonNode marker = obj.get("_placeholder");
            if (marker != null && marker.isBoolean() && marker.booleanValue()) {
                JsonNode num = obj.get("num");
                if (num == null || !num.isInt() || num.intValue() < 0 || num.intValue() >= buffers.size()) {
                    throw new ParseException("invalid placeholder");
                }
                used[num.intValue()] = true;
                return BinaryNode.valueOf(buffers.get(num.intValue()));
            }
            for (Map.Entry<String, JsonNode> e : iterable(obj)) {
                JsonNode v = e.getValue();
                if (v.isContainerNode()) {
                    JsonNode r = replace(v, used);
                    if (r != v) {
                        e.setValue(r);
                    }
                }
            }
            return obj;
        }
        if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode v = arr.get(i);
                if (v.isContainerNode()) {
                    JsonNode r = replace(v, used);
                    if (r != v) {
                        arr.set(i, r);
                    }
                }
            }
        }
        return node;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode obj) {
        return obj.properties();
    }
}
