package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree as compact UTF-8 into a growable array, replacing binary values with Socket.IO
 * placeholders. It does what a Jackson generator would for a tree, without the generator, its contexts and a
 * serializer provider per leaf, which cost more than the writing itself for the small payloads of real-time
 * events.
 *
 * <p>Output: keys in insertion order; integers as they are, floating-point numbers as JavaScript's
 * {@code JSON.stringify} writes them ({@code 42.0} as {@code 42}, {@code 1.0E-7} as {@code 1e-7}; non-finite as
 * {@code null}); strings escaped as {@code JSON.stringify}
 * escapes them (the short forms, a six-character escape for other control characters and for lone
 * surrogates), everything else as UTF-8. Not thread-safe; {@link #local()} gives each thread its own.
 */
final class JsonWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] PLACEHOLDER = "{\"_placeholder\":true,\"num\":".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    /** A buffer that grew beyond this is not kept for the thread's next packet. */
    private static final int KEEP_MAX = 64 * 1024;

    private static final ThreadLocal<JsonWriter> LOCAL = ThreadLocal.withInitial(() -> new JsonWriter(512));

    private byte[] buf;
    private int len;

    JsonWriter(int capacity) {
        buf = new byte[capacity];
    }

    /** @return this thread's writer, emptied */
    static JsonWriter local() {
        JsonWriter w = LOCAL.get();
        if (w.buf.length > KEEP_MAX) {
            w.buf = new byte[512];
        }
        w.len = 0;
        return w;
    }

    int length() {
        return len;
    }

    /**
     * Copies the written bytes into {@code dest}.
     *
     * @param dest the destination
     * @param at where they go
     */
    void copyTo(byte[] dest, int at) {
        System.arraycopy(buf, 0, dest, at, len);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /**
     * Writes a value.
     *
     * @param node the value
     * @param mapper converts the values held by {@link POJONode}s
     * @param attachments receives binary values, which are written as placeholders numbered in order
     */
    void write(JsonNode node, ObjectMapper mapper, List<byte[]> attachments) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                put('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!first) {
                        put(',');
                    }
                    first = false;
                    writeString(e.getKey());
                    put(':');
                    write(e.getValue(), mapper, attachments);
                }
                put('}');
            }
            case ARRAY -> {
                put('[');
                for (int i = 0, n = node.size(); i < n; i++) {
                    if (i > 0) {
                        put(',');
                    }
                    write(node.get(i), mapper, attachments);
                }
                put(']');
            }
            case STRING -> writeString(node.textValue());
            case NUMBER -> writeNumber(node);
            case BOOLEAN -> put(node.booleanValue() ? TRUE : FALSE);
            case BINARY -> {
                put(PLACEHOLDER);
                writeAscii(Integer.toString(attachments.size()));
                put('}');
                // copied: the caller may reuse its array once emit returned, before the frame is written
                attachments.add(binary(node).clone());
            }
            case POJO -> {
                Object pojo = ((POJONode) node).getPojo();
                if (pojo instanceof byte[] bytes) {
                    put(PLACEHOLDER);
                    writeAscii(Integer.toString(attachments.size()));
                    put('}');
                    attachments.add(bytes.clone());
                } else {
                    write(mapper.valueToTree(pojo), mapper, attachments);
                }
            }
            default -> put(NULL); // NULL, MISSING
        }
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // never for a BinaryNode
        }
    }

    private void writeNumber(JsonNode n) {
        switch (n.numberType()) {
            case INT -> writeAscii(Integer.toString(n.intValue()));
            case LONG -> writeAscii(Long.toString(n.longValue()));
            case BIG_INTEGER -> writeAscii(n.bigIntegerValue().toString());
            case BIG_DECIMAL -> writeAscii(n.decimalValue().toString());
            case FLOAT -> {
                float f = n.floatValue();
                writeAscii(Float.isFinite(f) ? JsNumbers.toString(Double.parseDouble(Float.toString(f))) : "null");
            }
            default -> {
                double d = n.doubleValue();
                writeAscii(Double.isFinite(d) ? JsNumbers.toString(d) : "null");
            }
        }
    }

    /**
     * Writes a quoted, escaped string.
     *
     * @param s the string
     */
    void writeString(String s) {
        int n = s.length();
        ensure(n * 3 + 2); // UTF-8 of a UTF-16 unit takes at most 3 bytes; escapes may grow it further below
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                b[p++] = (byte) c;
                continue;
            }
            len = p;
            ensure((n - i) * 6 + 1);
            b = buf;
            if (c < 0x80) {
                p = escape(b, p, c);
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xf0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                p = unicodeEscape(b, p, c); // a lone surrogate, as JSON.stringify writes it
            } else {
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        b[p++] = '"';
        len = p;
    }

    private static int escape(byte[] b, int p, char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
        if (shortForm != 0) {
            b[p++] = '\\';
            b[p++] = (byte) shortForm;
            return p;
        }
        if (c < 0x20) {
            return unicodeEscape(b, p, c);
        }
        b[p++] = (byte) c;
        return p;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xf];
        b[p++] = HEX[(c >> 8) & 0xf];
        b[p++] = HEX[(c >> 4) & 0xf];
        b[p++] = HEX[c & 0xf];
        return p;
    }

    private void writeAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void put(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
