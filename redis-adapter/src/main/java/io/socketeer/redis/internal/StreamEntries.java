package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.socketio.adapter.PersistedSession;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stream entries, sessions and ids of {@code @socket.io/redis-streams-adapter} 0.3.x, pure:
 * <ul>
 * <li>an entry has the fields {@code uid}, {@code nsp}, {@code type} (the message type's number as text)
 *     and {@code data}: JSON text, or, when a type that may carry binary does, the base64 of its MessagePack;</li>
 * <li>a session is kept under {@code <sessionKeyPrefix><pid>} as the base64 of the MessagePack of
 *     {@code {sid, pid, rooms, data}};</li>
 * <li>an offset is a stream id {@code <ms>-<seq>}.</li>
 * </ul>
 */
public final class StreamEntries {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern ID = Pattern.compile("[0-9]+-[0-9]+");

    private StreamEntries() {
    }

    /**
     * Encodes a message as stream entry fields.
     *
     * @param message {@code {uid, nsp, type, data?}}
     * @return the fields, in the reference's order
     */
    public static Map<String, byte[]> encode(ObjectNode message) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("uid", utf8(message.path("uid").asText()));
        fields.put("nsp", utf8(message.path("nsp").asText()));
        fields.put("type", utf8(Integer.toString(message.path("type").asInt())));
        JsonNode data = message.get("data");
        if (data != null && !data.isNull()) {
            if (ClusterMessages.needsMsgPack(ClusterMessages.type(message), data)) {
                fields.put("data", utf8(Base64.getEncoder().encodeToString(MsgPack.encode(data))));
            } else {
                fields.put("data", ClusterMessages.json(data));
            }
        }
        return fields;
    }

    /**
     * Decodes stream entry fields.
     *
     * @param fields the fields
     * @return the message, checked
     * @throws MalformedMessageException if they are not a message
     */
    public static ObjectNode decode(Map<String, byte[]> fields) {
        ObjectNode m = NODES.objectNode();
        m.put("uid", text(fields.get("uid")));
        m.put("nsp", text(fields.get("nsp")));
        m.put("type", text(fields.get("type")));
        byte[] data = fields.get("data");
        if (data != null && data.length > 0) {
            if (data[0] == '{') {
                m.set("data", ClusterMessages.parseJson(data));
            } else {
                try {
                    m.set("data", MsgPack.decode(Base64.getDecoder().decode(data)));
                } catch (IllegalArgumentException e) {
                    throw new MalformedMessageException("data is neither JSON nor base64");
                }
            }
        }
        return ClusterMessages.checked(m);
    }

    private static String text(byte[] b) {
        if (b == null) {
            throw new MalformedMessageException("entry field missing");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Encodes a session for storage.
     *
     * @param session the session
     * @param data the socket's data as a tree
     * @return base64 text
     */
    public static String encodeSession(PersistedSession session, JsonNode data) {
        ObjectNode s = NODES.objectNode();
        s.put("sid", session.sid());
        s.put("pid", session.pid());
        ArrayNode rooms = s.putArray("rooms");
        session.rooms().forEach(rooms::add);
        s.set("data", data == null ? NODES.nullNode() : data);
        return Base64.getEncoder().encodeToString(MsgPack.encode(s));
    }

    /**
     * Decodes a stored session.
     *
     * @param base64 the stored text
     * @return the session, without missed packets; its data a tree
     * @throws MalformedMessageException if it is not one
     */
    public static PersistedSession decodeSession(String base64) {
        JsonNode s;
        try {
            s = MsgPack.decode(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("session is not base64");
        }
        if (!s.path("sid").isTextual() || !s.path("pid").isTextual()) {
            throw new MalformedMessageException("session without sid or pid");
        }
        Set<String> rooms = new LinkedHashSet<>(ClusterCodec.rooms(s.get("rooms")));
        return new PersistedSession(s.get("sid").textValue(), s.get("pid").textValue(), rooms,
                s.get("data"), List.of());
    }

    /**
     * Tells whether a text is a stream id.
     *
     * @param id the text
     * @return whether it is {@code <ms>-<seq>}
     */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Compares two stream ids.
     *
     * @param a one id
     * @param b another
     * @return negative, zero or positive as {@code a} is before, at or after {@code b}
     */
    public static int compare(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int c = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, da)), Long.parseUnsignedLong(b.substring(0, db)));
        return c != 0 ? c : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(da + 1)),
                Long.parseUnsignedLong(b.substring(db + 1)));
    }

    /**
     * Returns the id right after another, the exclusive start of a range.
     *
     * @param id a stream id
     * @return the next one
     */
    public static String next(String id) {
        int d = id.indexOf('-');
        return id.substring(0, d) + "-" + Long.toUnsignedString(Long.parseUnsignedLong(id.substring(d + 1)) + 1);
    }

    /**
     * Tells whether a socket in some rooms gets a broadcast, as the reference's replay decides.
     *
     * @param socketRooms the socket's rooms (its own id included)
     * @param rooms the broadcast's rooms, empty for all
     * @param except the broadcast's excluded rooms
     * @return whether it does
     */
    public static boolean includes(Set<String> socketRooms, Set<String> rooms, Set<String> except) {
        boolean included = rooms.isEmpty();
        for (String room : socketRooms) {
            if (except.contains(room)) {
                return false;
            }
            if (rooms.contains(room)) {
                included = true;
            }
        }
        return included;
    }
}
