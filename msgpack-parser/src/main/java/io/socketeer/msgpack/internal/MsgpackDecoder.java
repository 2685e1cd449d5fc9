package io.socketeer.msgpack.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.parser.DecodedPacket;
import io.socketeer.socketio.parser.MalformedPacketException;
import io.socketeer.socketio.parser.SocketIoParser;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Reads a packet from one binary message as socket.io-msgpack-parser 3.x does: a MessagePack map whose
 * {@code type} is an integer from 0 to 4, {@code nsp} a string, {@code id} absent or an integer and
 * {@code data} of the shape the type requires (absent or an object for CONNECT, absent for DISCONNECT, an array
 * otherwise); other keys, such as the {@code options} socket.io-client adds, are ignored. Values are read as
 * {@code notepack.io} 2.2 reads them, into Jackson trees: {@code bin} and the extension 0 of
 * {@code ArrayBuffer}s become binary nodes, notepack's {@code undefined} (fixext 1, type 0) an absent value,
 * its {@code Date} (fixext 8, type 0) the ISO-8601 text {@code Date.toJSON} gives, other extensions
 * {@code [type, bytes]}.
 *
 * <p>Refused: text messages, anything but one map filling the message, lengths beyond the message, nesting
 * deeper than Jackson allows for JSON. Stateless and thread-safe: one instance serves every connection.
 */
public final class MsgpackDecoder implements SocketIoParser.Decoder {

    /** The decoder. */
    public static final MsgpackDecoder INSTANCE = new MsgpackDecoder();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands for JavaScript's {@code undefined} while decoding; never left in a tree. */
    private static final JsonNode UNDEFINED = MissingNode.getInstance();
    private static final int MAX_DEPTH = StreamReadConstraints.defaults().getMaxNestingDepth();
    private static final DateTimeFormatter JS_DATE = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private MsgpackDecoder() {
    }

    @Override
    public DecodedPacket decode(EngineIoMessage message) throws MalformedPacketException {
        if (!message.isBinary()) {
            throw new MalformedPacketException("text message, a MessagePack packet is binary");
        }
        return decode(message.data());
    }

    /**
     * Decodes the bytes of one message.
     *
     * @param bytes the message
     * @return the packet
     * @throws MalformedPacketException if the bytes are not one valid packet
     */
    public DecodedPacket decode(byte[] bytes) throws MalformedPacketException {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            Reader r = new Reader(u, bytes.length);
            if (!u.hasNext() || u.getNextFormat().getValueType() != org.msgpack.value.ValueType.MAP) {
                throw new MalformedPacketException("not a MessagePack map");
            }
            int entries = r.length(u.unpackMapHeader(), 2);
            JsonNode type = UNDEFINED;
            JsonNode nsp = UNDEFINED;
            JsonNode id = UNDEFINED;
            JsonNode data = UNDEFINED;
            for (int i = 0; i < entries; i++) {
                String key = r.key(r.value(1));
                JsonNode value = r.value(1);
                switch (key) {
                    case "type" -> type = value;
                    case "nsp" -> nsp = value;
                    case "id" -> id = value;
                    case "data" -> data = value;
                    default -> {
                        // ignored, as the options socket.io-client puts in its packets
                    }
                }
            }
            if (u.hasNext()) {
                throw new MalformedPacketException((bytes.length - u.getTotalReadBytes()) + " trailing bytes");
            }
            return packet(type, nsp, id, data);
        } catch (IOException | MessagePackException e) {
            throw new MalformedPacketException("invalid MessagePack: " + e.getMessage());
        }
    }

    private static DecodedPacket packet(JsonNode type, JsonNode nsp, JsonNode id, JsonNode data)
            throws MalformedPacketException {
        if (!isInteger(type) || type.longValue() < 0 || type.longValue() > PacketType.CONNECT_ERROR.ordinal()) {
            throw new MalformedPacketException("invalid packet type");
        }
        PacketType t = PacketType.values()[type.intValue()];
        if (!nsp.isTextual()) {
            throw new MalformedPacketException("invalid namespace");
        }
        boolean dataValid = switch (t) {
            case CONNECT -> data == UNDEFINED || data.isObject();
            case DISCONNECT -> data == UNDEFINED;
            case CONNECT_ERROR -> data.isTextual() || data.isObject();
            default -> data.isArray();
        };
        if (!dataValid) {
            throw new MalformedPacketException("invalid payload");
        }
        long ackId = -1;
        if (id != UNDEFINED) {
            if (!isInteger(id) || !id.canConvertToLong() || id.longValue() < 0) {
                throw new MalformedPacketException("invalid packet id");
            }
            ackId = id.longValue();
        }
        return new DecodedPacket(t, nsp.textValue(), ackId, data == UNDEFINED ? null : data);
    }

    /** Number.isInteger: a whole finite number, whatever its MessagePack format. */
    private static boolean isInteger(JsonNode n) {
        if (n.isIntegralNumber()) {
            return true;
        }
        if (n.isDouble()) {
            double d = n.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d);
        }
        return false;
    }

    /** The state of one decoding: the unpacker and how many bytes remain, to refuse impossible lengths. */
    private static final class Reader {

        private final MessageUnpacker u;
        private final long size;

        Reader(MessageUnpacker u, long size) {
            this.u = u;
            this.size = size;
        }

        /**
         * Checks a length read from a header against the bytes left, before anything is allocated for it.
         *
         * @param n the count
         * @param minBytesEach the fewest bytes each item takes
         */
        int length(long n, int minBytesEach) throws MalformedPacketException {
            if (n < 0 || n * minBytesEach > size - u.getTotalReadBytes()) {
                throw new MalformedPacketException("length beyond the message");
            }
            return (int) n;
        }

        /** A map key as JavaScript makes a property name of it. */
        String key(JsonNode k) {
            if (k.isTextual()) {
                return k.textValue();
            }
            if (k == UNDEFINED) {
                return "undefined";
            }
            if (k.isDouble() && isInteger(k) && Math.abs(k.doubleValue()) < 0x1p63) {
                return Long.toString((long) k.doubleValue());
            }
            return k.isValueNode() ? k.asText() : k.toString();
        }

        JsonNode value(int depth) throws IOException, MalformedPacketException {
            if (depth > MAX_DEPTH) {
                throw new MalformedPacketException("nested deeper than " + MAX_DEPTH);
            }
            MessageFormat f = u.getNextFormat();
            switch (f.getValueType()) {
                case NIL -> {
                    u.unpackNil();
                    return NODES.nullNode();
                }
                case BOOLEAN -> {
                    return NODES.booleanNode(u.unpackBoolean());
                }
                case INTEGER -> {
                    if (f == MessageFormat.UINT64) {
                        BigInteger b = u.unpackBigInteger();
                        return b.bitLength() < 64 ? NODES.numberNode(b.longValue()) : NODES.numberNode(b);
                    }
                    long l = u.unpackLong();
                    return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
                }
                case FLOAT -> {
                    return NODES.numberNode(u.unpackDouble());
                }
                case STRING -> {
                    int n = length(Integer.toUnsignedLong(u.unpackRawStringHeader()), 1);
                    return NODES.textNode(new String(u.readPayload(n), StandardCharsets.UTF_8));
                }
                case BINARY -> {
                    int n = length(Integer.toUnsignedLong(u.unpackBinaryHeader()), 1);
                    return NODES.binaryNode(u.readPayload(n));
                }
                case ARRAY -> {
                    int n = length(Integer.toUnsignedLong(u.unpackArrayHeader()), 1);
                    ArrayNode a = NODES.arrayNode(n);
                    for (int i = 0; i < n; i++) {
                        JsonNode v = value(depth + 1);
                        a.add(v == UNDEFINED ? NODES.nullNode() : v); // as JSON.stringify writes it
                    }
                    return a;
                }
                case MAP -> {
                    int n = length(Integer.toUnsignedLong(u.unpackMapHeader()), 2);
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < n; i++) {
                        String k = key(value(depth + 1));
                        JsonNode v = value(depth + 1);
                        if (v == UNDEFINED) {
                            o.remove(k); // a later undefined hides an earlier value, as in JavaScript
                        } else {
                            o.set(k, v);
                        }
                    }
                    return o;
                }
                case EXTENSION -> {
                    return extension(f);
                }
                default -> throw new MalformedPacketException("unexpected " + f);
            }
        }

        /** Extensions as notepack 2.2 reads them. */
        private JsonNode extension(MessageFormat f) throws IOException, MalformedPacketException {
            ExtensionTypeHeader h = u.unpackExtensionTypeHeader();
            int n = length(Integer.toUnsignedLong(h.getLength()), 1);
            byte[] payload = u.readPayload(n);
            if (h.getType() == 0) {
                switch (f) {
                    case FIXEXT1 -> {
                        return UNDEFINED;
                    }
                    case FIXEXT8 -> {
                        long ms = ((long) readInt(payload, 0)) * 0x1_0000_0000L + Integer.toUnsignedLong(readInt(payload, 4));
                        return NODES.textNode(JS_DATE.format(Instant.ofEpochMilli(ms)));
                    }
                    case EXT8, EXT16, EXT32 -> {
                        return NODES.binaryNode(payload); // an ArrayBuffer
                    }
                    default -> {
                        // fixext 2, 4 and 16 of type 0 are [type, bytes] like any other extension
                    }
                }
            }
            ArrayNode a = NODES.arrayNode(2);
            a.add((int) h.getType()); // an int node, as for any small integer
            a.add(NODES.binaryNode(payload));
            return a;
        }

        private static int readInt(byte[] b, int at) {
            return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        }
    }
}
