package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * MessagePack to and from Jackson trees, byte for byte as {@code notepack.io} 3.x (the codec of
 * {@code @socket.io/redis-adapter}) writes and reads it: integers in the smallest format (unsigned ones for
 * non-negative values), other numbers as float 64, binary values as {@code bin}, strings as {@code str};
 * a timestamp extension decodes to its ISO-8601 text (as {@code JSON.stringify} shows a {@code Date}), any
 * other extension to {@code [type, bytes]} as notepack does.
 */
public final class MsgPack {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Nesting deeper than this is refused when decoding, so a hostile message cannot exhaust the stack. */
    static final int MAX_DEPTH = 64;

    private MsgPack() {
    }

    /**
     * Encodes a tree.
     *
     * @param node the tree; binary nodes become {@code bin}
     * @return the bytes
     */
    public static byte[] encode(JsonNode node) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, node);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a buffer packer does no I/O
        }
    }

    private static void write(MessageBufferPacker p, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case NULL, MISSING -> p.packNil();
            case BOOLEAN -> p.packBoolean(n.booleanValue());
            case STRING -> p.packString(n.textValue());
            case BINARY -> {
                byte[] b = n.binaryValue();
                p.packBinaryHeader(b.length);
                p.writePayload(b);
            }
            case NUMBER -> writeNumber(p, n);
            case ARRAY -> {
                p.packArrayHeader(n.size());
                for (JsonNode e : n) {
                    write(p, e);
                }
            }
            case OBJECT -> {
                p.packMapHeader(n.size());
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    p.packString(e.getKey());
                    write(p, e.getValue());
                }
            }
            case POJO -> p.packString(String.valueOf(n)); // not produced by our trees
        }
    }

    private static void writeNumber(MessageBufferPacker p, JsonNode n) throws IOException {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            p.packLong(n.longValue()); // msgpack-core picks the smallest format, unsigned when >= 0, as notepack
            return;
        }
        if (n.isIntegralNumber()) {
            BigInteger b = n.bigIntegerValue();
            if (b.signum() > 0 && b.bitLength() <= 64) {
                p.packBigInteger(b);
                return;
            }
        }
        double d = n.doubleValue();
        if (!n.isIntegralNumber() && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p63) {
            p.packLong((long) d); // JavaScript numbers have no integer type: 2.0 is written as 2
            return;
        }
        p.packDouble(d);
    }

    /**
     * Decodes one value that must fill the bytes.
     *
     * @param bytes the message
     * @return the tree
     * @throws MalformedMessageException if the bytes are not exactly one MessagePack value
     */
    public static JsonNode decode(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            JsonNode n = read(u, 0);
            if (u.hasNext()) {
                throw new MalformedMessageException((bytes.length - u.getTotalReadBytes()) + " trailing bytes");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedMessageException m) {
                throw m;
            }
            throw new MalformedMessageException("not MessagePack: " + e.getMessage());
        }
    }

    private static JsonNode read(MessageUnpacker u, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new MalformedMessageException("nested deeper than " + MAX_DEPTH);
        }
        MessageFormat f = u.getNextFormat();
        ValueType t = f.getValueType();
        switch (t) {
            case NIL:
                u.unpackNil();
                return NODES.nullNode();
            case BOOLEAN:
                return NODES.booleanNode(u.unpackBoolean());
            case INTEGER:
                if (f == MessageFormat.UINT64) {
                    BigInteger b = u.unpackBigInteger();
                    return b.bitLength() < 64 ? NODES.numberNode(b.longValue()) : NODES.numberNode(b);
                }
                long l = u.unpackLong();
                return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
            case FLOAT:
                return NODES.numberNode(u.unpackDouble());
            case STRING:
                return NODES.textNode(u.unpackString());
            case BINARY:
                return NODES.binaryNode(u.readPayload(u.unpackBinaryHeader()));
            case ARRAY: {
                int n = u.unpackArrayHeader();
                ArrayNode a = NODES.arrayNode(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    a.add(read(u, depth + 1));
                }
                return a;
            }
            case MAP: {
                int n = u.unpackMapHeader();
                ObjectNode o = NODES.objectNode();
                for (int i = 0; i < n; i++) {
                    JsonNode key = read(u, depth + 1);
                    // notepack turns any key into a property name, as JavaScript does
                    o.set(key.isTextual() ? key.textValue() : key.toString(), read(u, depth + 1));
                }
                return o;
            }
            case EXTENSION: {
                var h = u.unpackExtensionTypeHeader();
                byte[] data = u.readPayload(h.getLength());
                if (h.getType() == -1) {
                    return NODES.textNode(timestamp(data).toString());
                }
                ArrayNode a = NODES.arrayNode(2);
                a.add(h.getType());
                a.add(NODES.binaryNode(data));
                return a;
            }
            default:
                throw new MalformedMessageException("unexpected " + f);
        }
    }

    private static Instant timestamp(byte[] d) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d);
        return switch (d.length) {
            case 4 -> Instant.ofEpochSecond(Integer.toUnsignedLong(b.getInt()));
            case 8 -> {
                long v = b.getLong();
                yield Instant.ofEpochSecond(v & 0x3FFFFFFFFL, v >>> 34);
            }
            case 12 -> {
                int ns = b.getInt();
                yield Instant.ofEpochSecond(b.getLong(), ns);
            }
            default -> throw new MalformedMessageException("timestamp of " + d.length + " bytes");
        };
    }
}
