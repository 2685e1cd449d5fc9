package io.socketeer.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.OutgoingPacket;
import io.socketeer.socketio.adapter.PacketType;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The messages of {@code @socket.io/redis-adapter} 8.x, pure (bytes in, bytes out):
 * <ul>
 * <li>a broadcast is the MessagePack array {@code [uid, packet, opts]} with
 *     {@code packet = {type: 2, data: [event, ...args], nsp}} and
 *     {@code opts = {rooms: [...], except: [...], flags: {...}}};</li>
 * <li>requests and responses are objects with a numeric {@code type} (see {@link RequestType}) and a
 *     {@code requestId}: JSON text for most of them, MessagePack for {@code BROADCAST} and
 *     {@code BROADCAST_ACK}, which may carry binary. A reader tells them apart by the first byte, {@code '{'}
 *     being JSON, as the Node adapter does.</li>
 * </ul>
 * Binary values inside JSON messages are written as Node's {@code JSON.stringify} writes a {@code Buffer}:
 * {@code {"type":"Buffer","data":[bytes]}}.
 */
public final class ClusterCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterCodec() {
    }

    // ------------------------------------------------------------ broadcasts

    /**
     * Encodes a broadcast.
     *
     * @param uid this adapter's id
     * @param packet the packet
     * @param options its receivers and flags
     * @return the message
     */
    public static byte[] encodeBroadcast(String uid, OutgoingPacket packet, BroadcastOptions options) {
        ArrayNode msg = NODES.arrayNode(3);
        msg.add(uid);
        msg.add(packet(packet));
        msg.add(options(options, true));
        return MsgPack.encode(msg);
    }

    /**
     * Builds the packet object of a broadcast: {@code {type, data, nsp}}, without an ack id (the receiving
     * servers give their own).
     *
     * @param packet the packet
     * @return the object
     */
    public static ObjectNode packet(OutgoingPacket packet) {
        ObjectNode p = NODES.objectNode();
        p.put("type", PacketType.EVENT.ordinal());
        p.set("data", packet.data());
        p.put("nsp", packet.namespace());
        return p;
    }

    /**
     * Builds the {@code opts} object of a broadcast or request.
     *
     * @param options the options
     * @param withFlags whether to write {@code flags} (broadcasts do, join/leave/disconnect/fetch do not)
     * @return the object
     */
    public static ObjectNode options(BroadcastOptions options, boolean withFlags) {
        ObjectNode o = NODES.objectNode();
        ArrayNode rooms = o.putArray("rooms");
        options.rooms().forEach(rooms::add);
        ArrayNode except = o.putArray("except");
        options.except().forEach(except::add);
        if (withFlags) {
            ObjectNode flags = o.putObject("flags");
            if (options.volatileFlag()) {
                flags.put("volatile", true);
            }
            if (!options.compress()) {
                flags.put("compress", false);
            }
        }
        return o;
    }

    /**
     * Decodes a broadcast.
     *
     * @param bytes the message
     * @return the broadcast
     * @throws MalformedMessageException if it is not one
     */
    public static BroadcastMessage decodeBroadcast(byte[] bytes) {
        JsonNode msg = MsgPack.decode(bytes);
        if (!msg.isArray() || msg.size() < 3 || !msg.get(0).isTextual() || !msg.get(1).isObject()) {
            throw new MalformedMessageException("a broadcast is [uid, packet, opts]");
        }
        ObjectNode packet = (ObjectNode) msg.get(1);
        int type = packet.path("type").asInt(-1);
        if (type != PacketType.EVENT.ordinal() && type != PacketType.BINARY_EVENT.ordinal()) {
            throw new MalformedMessageException("broadcast of packet type " + packet.get("type"));
        }
        JsonNode data = packet.get("data");
        if (data == null || !data.isArray() || data.isEmpty()) {
            throw new MalformedMessageException("broadcast without event data");
        }
        String nsp = packet.path("nsp").isTextual() ? packet.get("nsp").textValue() : "/";
        return new BroadcastMessage(msg.get(0).textValue(), nsp, (ArrayNode) data, decodeOptions(msg.get(2)));
    }

    /**
     * Reads an {@code opts} object; the result is marked {@code local} (it is applied on this server only).
     *
     * @param opts the object
     * @return the options
     * @throws MalformedMessageException if it is not an object
     */
    public static BroadcastOptions decodeOptions(JsonNode opts) {
        if (!opts.isObject()) {
            throw new MalformedMessageException("opts is not an object");
        }
        JsonNode flags = opts.path("flags");
        return new BroadcastOptions(rooms(opts.get("rooms")), rooms(opts.get("except")),
                flags.path("volatile").asBoolean(false), true, flags.path("compress").asBoolean(true));
    }

    /**
     * Reads a list of rooms; numbers (valid rooms in Node) become their text.
     *
     * @param node an array, or {@code null}
     * @return the rooms
     */
    public static Set<String> rooms(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw new MalformedMessageException("rooms is not an array");
        }
        Set<String> rooms = new LinkedHashSet<>();
        for (JsonNode r : node) {
            if (r.isTextual() || r.isNumber()) {
                rooms.add(r.asText());
            }
        }
        return rooms;
    }

    // ------------------------------------------------------------ requests and responses

    /**
     * Starts a request or response object.
     *
     * @param type its type
     * @return {@code {type}}; callers add {@code uid}, {@code requestId} and the rest
     */
    public static ObjectNode message(RequestType type) {
        ObjectNode o = NODES.objectNode();
        o.put("type", type.code());
        return o;
    }

    /**
     * Encodes a request or response as JSON text, as the Node adapter does for all but the two below.
     *
     * @param message the object
     * @return the bytes
     */
    public static byte[] encodeJson(ObjectNode message) {
        try {
            return JSON.writeValueAsBytes(buffersAsNodeJson(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree always serializes
        }
    }

    /**
     * Encodes a request or response as MessagePack, as the Node adapter does for {@code BROADCAST} and
     * {@code BROADCAST_ACK}.
     *
     * @param message the object
     * @return the bytes
     */
    public static byte[] encodeMsgPack(ObjectNode message) {
        return MsgPack.encode(message);
    }

    /**
     * Decodes a request or response, JSON when it starts with {@code '{'}, else MessagePack.
     *
     * @param bytes the message
     * @return the object, with a known numeric {@code type} when it is a request
     * @throws MalformedMessageException if it is not an object
     */
    public static ObjectNode decodeMessage(byte[] bytes) {
        JsonNode n;
        if (bytes.length > 0 && bytes[0] == '{') {
            try {
                n = JSON.readTree(bytes);
            } catch (IOException e) {
                throw new MalformedMessageException("bad JSON: " + e.getMessage());
            }
        } else {
            n = MsgPack.decode(bytes);
        }
        if (n == null || !n.isObject()) {
            throw new MalformedMessageException("not an object");
        }
        return (ObjectNode) n;
    }

    /**
     * Returns the type of a request or response.
     *
     * @param message the object
     * @return the type, or {@code null} when absent or unknown
     */
    public static RequestType type(JsonNode message) {
        JsonNode t = message.get("type");
        return t != null && t.isIntegralNumber() ? RequestType.of(t.intValue()) : null;
    }

    private static JsonNode buffersAsNodeJson(JsonNode n) {
        if (n.isBinary()) {
            ObjectNode o = NODES.objectNode();
            o.put("type", "Buffer");
            ArrayNode data = o.putArray("data");
            try {
                for (byte b : n.binaryValue()) {
                    data.add(b & 0xFF);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return o;
        }
        if (!n.isContainerNode() || !hasBinary(n)) {
            return n;
        }
        if (n.isArray()) {
            ArrayNode a = NODES.arrayNode(n.size());
            n.forEach(e -> a.add(buffersAsNodeJson(e)));
            return a;
        }
        ObjectNode o = NODES.objectNode();
        n.fields().forEachRemaining(e -> o.set(e.getKey(), buffersAsNodeJson(e.getValue())));
        return o;
    }

    private static boolean hasBinary(JsonNode n) {
        if (n.isBinary()) {
            return true;
        }
        for (JsonNode e : n) {
            if (hasBinary(e)) {
                return true;
            }
        }
        return false;
    }
}
