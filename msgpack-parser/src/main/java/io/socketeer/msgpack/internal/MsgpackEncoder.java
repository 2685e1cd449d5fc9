package io.socketeer.msgpack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.parser.SocketIoParser;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a packet as one binary message, the MessagePack map {@code {type, nsp, data, id}} (the key order of
 * socket.io-msgpack-parser's README; {@code data} and {@code id} only when present), with values as
 * {@code notepack.io} 2.2 writes the JavaScript values they stand for:
 * <ul>
 *   <li>integers in the smallest format, unsigned ones for non-negative values (what msgpack-core's
 *       {@code packLong} does too);</li>
 *   <li>other numbers as float 64, except whole finite ones, which JavaScript cannot tell from integers:
 *       {@code 2.0} is written as {@code 2}; NaN and the infinities stay float 64;</li>
 *   <li>strings as {@code str} (str 8 from 32 bytes), binary as {@code bin}, {@code null} as {@code nil}.</li>
 * </ul>
 * Pure and thread-safe.
 */
public final class MsgpackEncoder implements SocketIoParser.Encoder {

    /** Small first chunk: most packets are a few dozen bytes; the packer adds chunks as it needs them. */
    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withBufferSize(256);
    private static final double TWO_POW_63 = 0x1p63;

    private final ObjectMapper mapper;

    /**
     * Creates an encoder.
     *
     * @param mapper converts the values held by {@link POJONode}s
     */
    public MsgpackEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public List<EngineIoMessage> encode(PacketType type, String namespace, long id, JsonNode data) {
        return List.of(EngineIoMessage.wrapBinary(encodeToBytes(type, namespace, id, data)));
    }

    /**
     * Encodes a packet into the bytes of its message.
     *
     * @param type the type; the binary variants are written as EVENT and ACK, this format has no attachments
     * @param namespace the namespace
     * @param id the ack id, or -1
     * @param data the payload, or {@code null}
     * @return the MessagePack bytes
     */
    public byte[] encodeToBytes(PacketType type, String namespace, long id, JsonNode data) {
        try (MessageBufferPacker p = PACKER.newBufferPacker()) {
            p.packMapHeader(2 + (data != null ? 1 : 0) + (id >= 0 ? 1 : 0));
            p.packString("type");
            p.packInt(wireType(type));
            p.packString("nsp");
            p.packString(namespace);
            if (data != null) {
                p.packString("data");
                write(p, data);
            }
            if (id >= 0) {
                p.packString("id");
                p.packLong(id);
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a buffer packer does no I/O
        }
    }

    private static int wireType(PacketType type) {
        return switch (type) {
            case BINARY_EVENT -> PacketType.EVENT.ordinal();
            case BINARY_ACK -> PacketType.ACK.ordinal();
            default -> type.ordinal();
        };
    }

    private void write(MessageBufferPacker p, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                p.packMapHeader(n.size());
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    p.packString(e.getKey());
                    write(p, e.getValue());
                }
            }
            case ARRAY -> {
                p.packArrayHeader(n.size());
                for (int i = 0, size = n.size(); i < size; i++) {
                    write(p, n.get(i));
                }
            }
            case STRING -> p.packString(n.textValue());
            case NUMBER -> writeNumber(p, n);
            case BOOLEAN -> p.packBoolean(n.booleanValue());
            case BINARY -> writeBinary(p, n.binaryValue());
            case POJO -> {
                Object pojo = ((POJONode) n).getPojo();
                if (pojo instanceof byte[] bytes) {
                    writeBinary(p, bytes);
                } else {
                    write(p, mapper.valueToTree(pojo));
                }
            }
            default -> p.packNil(); // NULL, MISSING
        }
    }

    private static void writeBinary(MessageBufferPacker p, byte[] bytes) throws IOException {
        p.packBinaryHeader(bytes.length);
        p.writePayload(bytes);
    }

    private static void writeNumber(MessageBufferPacker p, JsonNode n) throws IOException {
        switch (n.numberType()) {
            case INT, LONG -> p.packLong(n.longValue());
            case BIG_INTEGER -> {
                BigInteger b = n.bigIntegerValue();
                if (b.bitLength() <= 63 || (b.signum() > 0 && b.bitLength() <= 64)) {
                    p.packBigInteger(b);
                } else {
                    p.packDouble(b.doubleValue()); // beyond 64 bits: the JavaScript number it stands for
                }
            }
            // a float is the decimal it prints as, as the JSON parser would send it
            case FLOAT -> writeDouble(p, Double.parseDouble(Float.toString(n.floatValue())));
            default -> writeDouble(p, n.doubleValue()); // DOUBLE, BIG_DECIMAL
        }
    }

    private static void writeDouble(MessageBufferPacker p, double d) throws IOException {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < TWO_POW_63) {
            p.packLong((long) d); // notepack: Math.floor(v) === v && isFinite(v) takes the integer formats
        } else {
            p.packDouble(d);
        }
    }
}
