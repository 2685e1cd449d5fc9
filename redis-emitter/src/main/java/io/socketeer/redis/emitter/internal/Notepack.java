package io.socketeer.redis.emitter.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * A MessagePack writer for Jackson trees that writes what {@code notepack.io} 3.x (the codec of the
 * {@code @socket.io/redis-adapter} family) writes for the same JavaScript value: integers in their smallest
 * format (unsigned formats for non-negative values), other numbers as float 64, text as {@code str}, binary as
 * {@code bin}, and containers with the shortest header. Encoding only: the emitter never reads.
 */
public final class Notepack {

    private Notepack() {
    }

    /**
     * Encodes a tree.
     *
     * @param node the tree; binary nodes become {@code bin}
     * @return the bytes
     */
    public static byte[] encode(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        write(out, node);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, JsonNode n) {
        switch (n.getNodeType()) {
            case NULL, MISSING -> out.write(0xc0);
            case BOOLEAN -> out.write(n.booleanValue() ? 0xc3 : 0xc2);
            case STRING -> writeString(out, n.textValue());
            case BINARY -> {
                byte[] b = binary(n);
                header(out, b.length, -1, 0xc4, 0xc5, 0xc6);
                out.writeBytes(b);
            }
            case NUMBER -> writeNumber(out, n);
            case ARRAY -> {
                header(out, n.size(), 0x90, -1, 0xdc, 0xdd);
                for (JsonNode e : n) {
                    write(out, e);
                }
            }
            case OBJECT -> {
                header(out, n.size(), 0x80, -1, 0xde, 0xdf);
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    writeString(out, e.getKey());
                    write(out, e.getValue());
                }
            }
            default -> writeString(out, n.asText()); // POJO nodes: not produced by value conversion
        }
    }

    private static byte[] binary(JsonNode n) {
        try {
            return n.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        header(out, b.length, 0xa0, 0xd9, 0xda, 0xdb);
        out.writeBytes(b);
    }

    /**
     * Writes a length header: the fix form (below 16 for containers, 32 for text) when {@code fix >= 0}, else
     * the 8-bit form when {@code f8 >= 0}, else 16 or 32 bits.
     */
    private static void header(ByteArrayOutputStream out, int length, int fix, int f8, int f16, int f32) {
        int fixLimit = fix == 0xa0 ? 32 : 16;
        if (fix >= 0 && length < fixLimit) {
            out.write(fix | length);
        } else if (f8 >= 0 && length < 0x100) {
            out.write(f8);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(f16);
            be(out, length, 2);
        } else {
            out.write(f32);
            be(out, length, 4);
        }
    }

    private static void writeNumber(ByteArrayOutputStream out, JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            writeLong(out, n.longValue());
            return;
        }
        if (n.isIntegralNumber()) {
            BigInteger b = n.bigIntegerValue();
            if (b.signum() > 0 && b.bitLength() <= 64) {
                out.write(0xcf);
                be(out, b.longValue(), 8);
                return;
            }
        }
        double d = n.doubleValue();
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p63) {
            writeLong(out, (long) d); // JavaScript numbers have no integer type: 2.0 is written as 2
            return;
        }
        out.write(0xcb);
        be(out, Double.doubleToLongBits(d), 8);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        if (v >= 0) {
            if (v < 0x80) {
                out.write((int) v);
            } else if (v < 0x100) {
                out.write(0xcc);
                out.write((int) v);
            } else if (v < 0x10000) {
                out.write(0xcd);
                be(out, v, 2);
            } else if (v < 0x100000000L) {
                out.write(0xce);
                be(out, v, 4);
            } else {
                out.write(0xcf);
                be(out, v, 8);
            }
        } else if (v >= -0x20) {
            out.write((int) (v & 0xff));
        } else if (v >= -0x80) {
            out.write(0xd0);
            out.write((int) (v & 0xff));
        } else if (v >= -0x8000) {
            out.write(0xd1);
            be(out, v, 2);
        } else if (v >= -0x80000000L) {
            out.write(0xd2);
            be(out, v, 4);
        } else {
            out.write(0xd3);
            be(out, v, 8);
        }
    }

    private static void be(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
