package io.socketeer.engineio.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.socketeer.engineio.EngineIoMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Protocol v3 long-polling payloads, as engine.io-parser 2.x writes them.
 *
 * <ul>
 *   <li>String payload: each packet as {@code <length>:<packet>}, the length counted in UTF-16 code units
 *       (JavaScript string length); binary packets as {@code b4<base64>}.</li>
 *   <li>Binary payload ({@code application/octet-stream}, used when the client supports binary and a
 *       packet is binary): per packet a marker byte (0 string, 1 binary), the decimal digits of the length as
 *       byte values 0–9, the byte 255, then the packet: UTF-8 for strings, the type byte 4 and the data for
 *       binary.</li>
 * </ul>
 */
public final class PayloadV3 {

    private static final int MAX_LENGTH_DIGITS = 10;

    private PayloadV3() {
    }

    /**
     * Tells whether any packet is binary, in which case a client that supports binary gets a binary payload.
     *
     * @param packets the packets
     * @return whether one is binary
     */
    public static boolean hasBinary(List<EngineIoMessage> packets) {
        for (EngineIoMessage p : packets) {
            if (p.isBinary()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Encodes a string payload.
     *
     * @param packets the packets
     * @param alloc the allocator
     * @return UTF-8 bytes of the payload; the caller owns them
     */
    public static ByteBuf encodeString(List<EngineIoMessage> packets, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer();
        for (EngineIoMessage p : packets) {
            byte[] bytes = MessageAccess.bytesOf(p);
            if (p.isBinary()) {
                byte[] b64 = Base64.getEncoder().encode(bytes);
                writeAscii(out, Integer.toString(b64.length + 2));
                out.writeByte(':').writeByte('b').writeByte('4').writeBytes(b64);
            } else {
                writeAscii(out, Integer.toString(Packets.utf16Length(bytes, 0, bytes.length)));
                out.writeByte(':').writeBytes(bytes);
            }
        }
        return out;
    }

    /**
     * Encodes a binary payload.
     *
     * @param packets the packets
     * @param alloc the allocator
     * @return the payload; the caller owns it
     */
    public static ByteBuf encodeBinary(List<EngineIoMessage> packets, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer();
        for (EngineIoMessage p : packets) {
            byte[] bytes = MessageAccess.bytesOf(p);
            String length = Integer.toString(p.isBinary() ? bytes.length + 1 : bytes.length);
            out.writeByte(p.isBinary() ? 1 : 0);
            for (int i = 0; i < length.length(); i++) {
                out.writeByte(length.charAt(i) - '0');
            }
            out.writeByte(0xFF);
            if (p.isBinary()) {
                out.writeByte(PacketType.MESSAGE.ordinal());
            }
            out.writeBytes(bytes);
        }
        return out;
    }

    /**
     * Decodes a string payload.
     *
     * @param payload the payload text
     * @return the packets
     * @throws ParseException on any malformed length or packet
     */
    public static List<EngineIoMessage> decodeString(String payload) throws ParseException {
        if (payload.isEmpty()) {
            throw new ParseException("empty payload");
        }
        List<EngineIoMessage> packets = new ArrayList<>(2);
        int i = 0;
        int n = payload.length();
        while (i < n) {
            int colon = payload.indexOf(':', i);
            if (colon <= i || colon - i > MAX_LENGTH_DIGITS) {
                throw new ParseException("invalid length");
            }
            long length = 0;
            for (int k = i; k < colon; k++) {
                char c = payload.charAt(k);
                if (c < '0' || c > '9') {
                    throw new ParseException("invalid length");
                }
                length = length * 10 + (c - '0');
            }
            int start = colon + 1;
            if (length == 0 || start + length > n) {
                throw new ParseException("invalid length");
            }
            packets.add(decodePacketString(payload.substring(start, start + (int) length)));
            i = start + (int) length;
        }
        return packets;
    }

    /**
     * Decodes one v3 packet given as a string: a type digit and data, or {@code b<type><base64>}.
     *
     * @param packet the packet text
     * @return the packet
     * @throws ParseException if it is malformed
     */
    public static EngineIoMessage decodePacketString(String packet) throws ParseException {
        if (packet.isEmpty()) {
            throw new ParseException("empty packet");
        }
        if (packet.charAt(0) == 'b') {
            if (packet.length() < 2 || PacketType.of(packet.charAt(1)) != PacketType.MESSAGE) {
                throw new ParseException("invalid binary packet");
            }
            try {
                return Packets.binary(Base64.getDecoder().decode(packet.substring(2)));
            } catch (IllegalArgumentException e) {
                throw new ParseException("invalid base64");
            }
        }
        return Packets.decodeText(packet.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a binary payload.
     *
     * @param body the readable bytes; not released, reader index not moved
     * @return the packets
     * @throws ParseException on any malformed marker, length or packet
     */
    public static List<EngineIoMessage> decodeBinary(ByteBuf body) throws ParseException {
        List<EngineIoMessage> packets = new ArrayList<>(2);
        int i = body.readerIndex();
        int end = body.writerIndex();
        if (i == end) {
            throw new ParseException("empty payload");
        }
        while (i < end) {
            int marker = body.getByte(i++);
            if (marker != 0 && marker != 1) {
                throw new ParseException("invalid marker");
            }
            long length = 0;
            int digits = 0;
            while (true) {
                if (i >= end) {
                    throw new ParseException("truncated length");
                }
                int b = body.getByte(i++) & 0xFF;
                if (b == 0xFF) {
                    break;
                }
                if (b > 9 || ++digits > MAX_LENGTH_DIGITS) {
                    throw new ParseException("invalid length");
                }
                length = length * 10 + b;
            }
            if (digits == 0 || length == 0 || i + length > end) {
                throw new ParseException("invalid length");
            }
            byte[] bytes = new byte[(int) length];
            body.getBytes(i, bytes);
            i += (int) length;
            if (marker == 0) {
                packets.add(decodePacketString(new String(bytes, StandardCharsets.UTF_8)));
            } else {
                if (bytes[0] != PacketType.MESSAGE.ordinal()) {
                    throw new ParseException("invalid binary packet type");
                }
                byte[] data = new byte[bytes.length - 1];
                System.arraycopy(bytes, 1, data, 0, data.length);
                packets.add(Packets.binary(data));
            }
        }
        return packets;
    }

    /**
     * Wraps a string payload for JSONP: {@code ___eio[<index>]("<payload as a JavaScript string>");}.
     * The payload is escaped as {@code JSON.stringify} does, plus U+2028, U+2029, {@code <} and {@code >},
     * so the script stays valid JavaScript and cannot close an enclosing script element.
     *
     * @param index the {@code j} parameter, digits only
     * @param payload the string payload
     * @return the script text
     */
    public static String jsonp(String index, String payload) {
        StringBuilder sb = new StringBuilder(payload.length() + 24);
        sb.append("___eio[").append(index).append("](\"");
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append("\");").toString();
    }

    /**
     * Undoes the newline escaping of the JSONP client on the {@code d} form field: {@code \n} (backslash,
     * n) stands for a newline and {@code \\n} for a literal backslash-n.
     *
     * @param d the decoded form field
     * @return the payload
     */
    public static String unescapeJsonpData(String d) {
        StringBuilder sb = new StringBuilder(d.length());
        int i = 0;
        while (i < d.length()) {
            char c = d.charAt(i);
            if (c == '\\' && i + 2 < d.length() && d.charAt(i + 1) == '\\' && d.charAt(i + 2) == 'n') {
                sb.append("\\n");
                i += 3;
            } else if (c == '\\' && i + 1 < d.length() && d.charAt(i + 1) == 'n') {
                sb.append('\n');
                i += 2;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static void writeAscii(ByteBuf out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.writeByte(s.charAt(i));
        }
    }
}
