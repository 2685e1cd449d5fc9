package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Parses one JSON value (RFC 8259) from UTF-8 bytes into the tree Jackson's {@code readTree} would build:
 * integers as int, long or BigInteger nodes by size, other numbers as double nodes, objects keeping key order
 * (a repeated key keeps its last value). Strict where Jackson is strict by default: no comments, no leading
 * zeros, no unescaped control characters in strings, no trailing content, valid UTF-8 only, and the nesting,
 * number and string limits of the mapper's {@link StreamReadConstraints}.
 *
 * <p>It exists because creating a Jackson parser and deserialization context per packet costs more than
 * parsing a small event. Stateless and thread-safe.
 */
final class JsonTreeParser {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final int maxDepth;
    private final int maxNumberLength;
    private final int maxStringLength;

    /**
     * Creates a parser.
     *
     * @param constraints the limits (nesting depth, number and string length)
     */
    JsonTreeParser(StreamReadConstraints constraints) {
        this.maxDepth = constraints.getMaxNestingDepth();
        this.maxNumberLength = constraints.getMaxNumberLength();
        this.maxStringLength = constraints.getMaxStringLength();
    }

    /** Thrown for input that is not one valid JSON value. */
    static final class InvalidJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidJsonException(String message, int at) {
            super(message + " at byte " + at, null, false, false);
        }
    }

    /**
     * Parses a value that fills the range (whitespace around it allowed).
     *
     * @param b the bytes
     * @param off where the JSON starts
     * @param len its length
     * @return the value
     * @throws InvalidJsonException if the range is not exactly one valid JSON value
     */
    JsonNode parse(byte[] b, int off, int len) throws InvalidJsonException {
        Cursor c = new Cursor(b, off, off + len);
        c.skipWhitespace();
        JsonNode value = value(c, 0);
        c.skipWhitespace();
        if (c.pos != c.end) {
            throw new InvalidJsonException("trailing content", c.pos);
        }
        return value;
    }

    private static final class Cursor {
        final byte[] b;
        final int end;
        int pos;

        Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        void skipWhitespace() {
            while (pos < end) {
                byte x = b[pos];
                if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                    return;
                }
                pos++;
            }
        }

        int peek() throws InvalidJsonException {
            if (pos >= end) {
                throw new InvalidJsonException("unexpected end", pos);
            }
            return b[pos];
        }
    }

    private JsonNode value(Cursor c, int depth) throws InvalidJsonException {
        int x = c.peek();
        switch (x) {
            case '{':
                return object(c, depth + 1);
            case '[':
                return array(c, depth + 1);
            case '"':
                return NODES.textNode(string(c));
            case 't':
                literal(c, "true");
                return NODES.booleanNode(true);
            case 'f':
                literal(c, "false");
                return NODES.booleanNode(false);
            case 'n':
                literal(c, "null");
                return NODES.nullNode();
            default:
                if (x == '-' || (x >= '0' && x <= '9')) {
                    return number(c);
                }
                throw new InvalidJsonException("unexpected character", c.pos);
        }
    }

    private void checkDepth(Cursor c, int depth) throws InvalidJsonException {
        if (depth > maxDepth) {
            throw new InvalidJsonException("nesting deeper than " + maxDepth, c.pos);
        }
    }

    private ObjectNode object(Cursor c, int depth) throws InvalidJsonException {
        checkDepth(c, depth);
        c.pos++; // '{'
        ObjectNode node = NODES.objectNode();
        c.skipWhitespace();
        if (c.peek() == '}') {
            c.pos++;
            return node;
        }
        while (true) {
            if (c.peek() != '"') {
                throw new InvalidJsonException("expected a key", c.pos);
            }
            String key = string(c);
            c.skipWhitespace();
            if (c.peek() != ':') {
                throw new InvalidJsonException("expected ':'", c.pos);
            }
            c.pos++;
            c.skipWhitespace();
            node.set(key, value(c, depth));
            c.skipWhitespace();
            int x = c.peek();
            c.pos++;
            if (x == '}') {
                return node;
            }
            if (x != ',') {
                throw new InvalidJsonException("expected ',' or '}'", c.pos - 1);
            }
            c.skipWhitespace();
        }
    }

    private ArrayNode array(Cursor c, int depth) throws InvalidJsonException {
        checkDepth(c, depth);
        c.pos++; // '['
        // most arrays of a packet are short (an event name and a few arguments): room for four, not ten
        ArrayNode node = NODES.arrayNode(4);
        c.skipWhitespace();
        if (c.peek() == ']') {
            c.pos++;
            return node;
        }
        while (true) {
            node.add(value(c, depth));
            c.skipWhitespace();
            int x = c.peek();
            c.pos++;
            if (x == ']') {
                return node;
            }
            if (x != ',') {
                throw new InvalidJsonException("expected ',' or ']'", c.pos - 1);
            }
            c.skipWhitespace();
        }
    }

    private static void literal(Cursor c, String word) throws InvalidJsonException {
        int n = word.length();
        if (c.end - c.pos < n) {
            throw new InvalidJsonException("unexpected end", c.pos);
        }
        for (int i = 0; i < n; i++) {
            if (c.b[c.pos + i] != word.charAt(i)) {
                throw new InvalidJsonException("invalid literal", c.pos);
            }
        }
        c.pos += n;
    }

    private JsonNode number(Cursor c) throws InvalidJsonException {
        byte[] b = c.b;
        int start = c.pos;
        int p = start;
        if (b[p] == '-') {
            p++;
        }
        int intStart = p;
        if (p >= c.end || b[p] < '0' || b[p] > '9') {
            throw new InvalidJsonException("invalid number", start);
        }
        if (b[p] == '0') {
            p++;
            if (p < c.end && b[p] >= '0' && b[p] <= '9') {
                throw new InvalidJsonException("leading zero", start);
            }
        } else {
            while (p < c.end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        }
        int intDigits = p - intStart;
        boolean integral = true;
        if (p < c.end && b[p] == '.') {
            integral = false;
            p++;
            int fracStart = p;
            while (p < c.end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == fracStart) {
                throw new InvalidJsonException("invalid number", start);
            }
        }
        if (p < c.end && (b[p] == 'e' || b[p] == 'E')) {
            integral = false;
            p++;
            if (p < c.end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int expStart = p;
            while (p < c.end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == expStart) {
                throw new InvalidJsonException("invalid number", start);
            }
        }
        if (p - start > maxNumberLength) {
            throw new InvalidJsonException("number longer than " + maxNumberLength, start);
        }
        c.pos = p;
        if (integral) {
            if (intDigits <= 18) {
                long v = 0;
                for (int i = intStart; i < p; i++) {
                    v = v * 10 + (b[i] - '0');
                }
                if (b[start] == '-') {
                    v = -v;
                }
                return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? NODES.numberNode((int) v)
                        : NODES.numberNode(v);
            }
            BigInteger big = new BigInteger(new String(b, start, p - start, StandardCharsets.US_ASCII));
            return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
        }
        return NODES.numberNode(Double.parseDouble(new String(b, start, p - start, StandardCharsets.US_ASCII)));
    }

    /** Reads a string, the cursor on its opening quote; leaves it after the closing one. */
    private String string(Cursor c) throws InvalidJsonException {
        byte[] b = c.b;
        int start = ++c.pos;
        int p = start;
        // fast path: ASCII without escapes
        while (p < c.end) {
            byte x = b[p];
            if (x == '"') {
                if (p - start > maxStringLength) {
                    throw new InvalidJsonException("string longer than " + maxStringLength, start);
                }
                c.pos = p + 1;
                return new String(b, start, p - start, StandardCharsets.ISO_8859_1);
            }
            if (x == '\\' || x < 0x20) { // an escape, a control character, or a non-ASCII byte (negative)
                break;
            }
            p++;
        }
        StringBuilder sb = new StringBuilder(Math.max(16, p - start + 16));
        for (int i = start; i < p; i++) {
            sb.append((char) b[i]);
        }
        while (true) {
            if (p >= c.end) {
                throw new InvalidJsonException("unterminated string", start);
            }
            int x = b[p] & 0xff;
            if (x == '"') {
                c.pos = p + 1;
                if (sb.length() > maxStringLength) {
                    throw new InvalidJsonException("string longer than " + maxStringLength, start);
                }
                return sb.toString();
            }
            if (x == '\\') {
                p = escape(b, p + 1, c.end, sb);
            } else if (x < 0x20) {
                throw new InvalidJsonException("control character in string", p);
            } else if (x < 0x80) {
                sb.append((char) x);
                p++;
            } else {
                p = utf8(b, p, c.end, sb);
            }
        }
    }

    private static int escape(byte[] b, int p, int end, StringBuilder sb) throws InvalidJsonException {
        if (p >= end) {
            throw new InvalidJsonException("unterminated escape", p);
        }
        switch (b[p]) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                if (end - p < 5) {
                    throw new InvalidJsonException("short unicode escape", p);
                }
                int v = 0;
                for (int i = 1; i <= 4; i++) {
                    int d = Character.digit(b[p + i], 16);
                    if (d < 0) {
                        throw new InvalidJsonException("invalid unicode escape", p);
                    }
                    v = v * 16 + d;
                }
                sb.append((char) v); // surrogates pair up, or stay alone, as in Jackson
                return p + 5;
            }
            default -> throw new InvalidJsonException("invalid escape", p);
        }
        return p + 1;
    }

    /** Decodes one UTF-8 sequence, refusing malformed, overlong, surrogate and out-of-range ones. */
    private static int utf8(byte[] b, int p, int end, StringBuilder sb) throws InvalidJsonException {
        int x = b[p] & 0xff;
        int n;
        int cp;
        int min;
        if (x >= 0xc2 && x <= 0xdf) {
            n = 1;
            cp = x & 0x1f;
            min = 0x80;
        } else if (x >= 0xe0 && x <= 0xef) {
            n = 2;
            cp = x & 0x0f;
            min = 0x800;
        } else if (x >= 0xf0 && x <= 0xf4) {
            n = 3;
            cp = x & 0x07;
            min = 0x10000;
        } else {
            throw new InvalidJsonException("invalid UTF-8", p);
        }
        if (end - p <= n) {
            throw new InvalidJsonException("truncated UTF-8", p);
        }
        for (int i = 1; i <= n; i++) {
            int y = b[p + i] & 0xff;
            if ((y & 0xc0) != 0x80) {
                throw new InvalidJsonException("invalid UTF-8", p + i);
            }
            cp = (cp << 6) | (y & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            throw new InvalidJsonException("invalid UTF-8", p);
        }
        sb.appendCodePoint(cp);
        return p + n + 1;
    }
}
