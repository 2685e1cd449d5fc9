package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.socketio.adapter.PacketType;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decodes the text form of a Socket.IO packet (protocol v5 §"Packet encoding"; v4 for socket.io-client 2.x):
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]}. Pure and stateless; binary attachments are
 * put back by a {@link BinaryReassembler}.
 *
 * <p>Everything the reference decoder refuses is refused here, with a {@link ParseException}: unknown type,
 * missing or zero attachment count, invalid JSON (including trailing garbage and nesting deeper than
 * Jackson's limit), and payloads of the wrong shape for the type.
 */
public final class PacketDecoder {

    /** Event names the client may not emit (they are reserved by the server-side API). */
    public static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    /**
     * Tells whether an event name is one of {@link #RESERVED_EVENTS}, without hashing it (a name decoded from
     * a packet is a new string whose hash is not cached, and this runs on every event).
     *
     * @param event an event name
     * @return whether it is reserved
     */
    public static boolean isReserved(String event) {
        return switch (event.length()) {
            case 7 -> event.equals("connect");
            case 10 -> event.equals("disconnect");
            case 11 -> event.equals("newListener");
            case 13 -> event.equals("connect_error") || event.equals("disconnecting");
            case 14 -> event.equals("removeListener");
            default -> false;
        };
    }

    private static final int MAX_ID_DIGITS = 15;

    private final JsonTreeParser json;
    private final int maxAttachments;
    private final boolean v4;

    /**
     * Creates a decoder.
     *
     * @param mapper the JSON mapper
     * @param maxAttachments the most binary attachments accepted in one packet
     * @param v4 whether the client speaks protocol v4 (socket.io-client 2.x): CONNECT carries a query string
     *           on the namespace instead of a JSON payload
     */
    public PacketDecoder(ObjectMapper mapper, int maxAttachments, boolean v4) {
        this.json = new JsonTreeParser(mapper.getFactory().streamReadConstraints());
        this.maxAttachments = maxAttachments;
        this.v4 = v4;
    }

    /**
     * The result of decoding the text part of a packet.
     *
     * @param packet the packet, with placeholders still in its data when {@code attachments > 0}
     * @param attachments the number of binary attachments that follow
     */
    public record Decoded(Packet packet, int attachments) {
    }

    /**
     * Decodes one packet.
     *
     * @param s the packet text (the Engine.IO message data)
     * @return the packet
     * @throws ParseException if it does not follow the protocol
     */
    public Decoded decode(String s) throws ParseException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return decode(utf8, 0, utf8.length);
    }

    /**
     * Decodes one packet from its UTF-8 bytes, in place: the JSON payload is parsed from the array itself.
     *
     * @param b an array holding the packet text (the Engine.IO message data); not modified or kept
     * @param off where the packet starts
     * @param len its length in bytes
     * @return the packet
     * @throws ParseException if it does not follow the protocol
     */
    public Decoded decode(byte[] b, int off, int len) throws ParseException {
        int n = off + len;
        if (len == 0) {
            throw new ParseException("empty packet");
        }
        PacketType type = PacketType.of((char) b[off]);
        if (type == null) {
            throw new ParseException("unknown packet type");
        }
        int i = off + 1;
        int attachments = 0;
        if (type == PacketType.BINARY_EVENT || type == PacketType.BINARY_ACK) {
            int start = i;
            while (i < n && b[i] != '-') {
                byte c = b[i];
                if (c < '0' || c > '9' || i - start > 6) {
                    throw new ParseException("invalid attachment count");
                }
                attachments = attachments * 10 + (c - '0');
                i++;
            }
            if (i == start || i >= n) {
                throw new ParseException("invalid attachment count");
            }
            if (attachments < 1 || attachments > maxAttachments) {
                throw new ParseException("too many or too few attachments");
            }
            i++; // '-'
        }
        String namespace = "/";
        String query = null;
        if (i < n && b[i] == '/') {
            int end = i;
            while (end < n && b[end] != ',') {
                end++;
            }
            namespace = new String(b, i, end - i, StandardCharsets.UTF_8);
            i = end < n ? end + 1 : n;
            if (v4) {
                int q = namespace.indexOf('?');
                if (q >= 0) {
                    query = namespace.substring(q + 1);
                    namespace = namespace.substring(0, q);
                }
            }
        }
        long id = -1;
        if (i < n && isDigit(b[i])) {
            int start = i;
            id = 0;
            while (i < n && isDigit(b[i])) {
                if (i - start >= MAX_ID_DIGITS) {
                    throw new ParseException("ack id too long");
                }
                id = id * 10 + (b[i] - '0');
                i++;
            }
        }
        JsonNode data = null;
        if (i < n) {
            try {
                data = json.parse(b, i, n - i);
            } catch (JsonTreeParser.InvalidJsonException e) {
                throw new ParseException("invalid JSON payload");
            }
            if (data == null || data.isMissingNode()) {
                throw new ParseException("invalid JSON payload");
            }
        }
        check(type, id, data);
        return new Decoded(new Packet(type, namespace, query, id, data), attachments);
    }

    /**
     * Checks that a payload suits its packet type, as {@link #decode(byte[], int, int)} does; also applied to
     * the packets of other parsers.
     *
     * @param type the type
     * @param id the ack id, or -1
     * @param data the payload, or {@code null}
     * @throws ParseException if the client may not send such a packet
     */
    public void check(PacketType type, long id, JsonNode data) throws ParseException {
        boolean ok = switch (type) {
            case CONNECT -> data == null || (!v4 && data.isObject());
            case DISCONNECT -> data == null;
            case EVENT, BINARY_EVENT -> data != null && data.isArray() && !data.isEmpty()
                    && (data.get(0).isNumber()
                        || (data.get(0).isTextual() && !isReserved(data.get(0).textValue())));
            case ACK, BINARY_ACK -> id >= 0 && data != null && data.isArray();
            case CONNECT_ERROR -> false; // only the server sends it
        };
        if (!ok) {
            throw new ParseException("invalid payload for " + type);
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
