package io.socketeer.engineio.internal.protocol;

import io.socketeer.engineio.EngineIoMessage;

import java.nio.charset.StandardCharsets;

/**
 * Building and inspecting single packets. Every packet, control or message, is an {@link EngineIoMessage}:
 * text packets hold their type digit followed by UTF-8 data, binary packets are always messages.
 */
public final class Packets {

    /** {@code 1}: close. */
    public static final EngineIoMessage CLOSE = control(PacketType.CLOSE, "");
    /** {@code 2}: ping. */
    public static final EngineIoMessage PING = control(PacketType.PING, "");
    /** {@code 3}: pong. */
    public static final EngineIoMessage PONG = control(PacketType.PONG, "");
    /** {@code 3probe}: the answer to the upgrade probe. */
    public static final EngineIoMessage PONG_PROBE = control(PacketType.PONG, "probe");
    /** {@code 6}: noop. */
    public static final EngineIoMessage NOOP = control(PacketType.NOOP, "");

    private Packets() {
    }

    /**
     * Creates a text packet of any type.
     *
     * @param type the type
     * @param data the data
     * @return the packet
     */
    public static EngineIoMessage control(PacketType type, String data) {
        byte[] utf8 = data.getBytes(StandardCharsets.UTF_8);
        byte[] encoded = new byte[utf8.length + 1];
        encoded[0] = (byte) type.digit();
        System.arraycopy(utf8, 0, encoded, 1, utf8.length);
        return MessageAccess.wrap(false, encoded);
    }

    /**
     * Returns the type of a packet.
     *
     * @param packet the packet
     * @return its type; binary packets are messages
     */
    public static PacketType type(EngineIoMessage packet) {
        return packet.isBinary() ? PacketType.MESSAGE : PacketType.of(MessageAccess.bytesOf(packet)[0]);
    }

    /**
     * Tells whether a text packet carries exactly {@code data} after its type digit.
     *
     * @param packet a text packet
     * @param data ASCII data to compare with
     * @return whether they are equal
     */
    public static boolean hasData(EngineIoMessage packet, String data) {
        byte[] bytes = MessageAccess.bytesOf(packet);
        if (packet.isBinary() || bytes.length != data.length() + 1) {
            return false;
        }
        for (int i = 0; i < data.length(); i++) {
            if (bytes[i + 1] != data.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes one text packet from UTF-8 bytes (a WebSocket text frame, or one packet of a payload).
     *
     * @param bytes the bytes; handed over, not copied
     * @return the packet
     * @throws ParseException if it is empty or the type digit is unknown
     */
    public static EngineIoMessage decodeText(byte[] bytes) throws ParseException {
        if (bytes.length == 0) {
            throw new ParseException("empty packet");
        }
        if (PacketType.of(bytes[0]) == null) {
            throw new ParseException("unknown packet type");
        }
        return MessageAccess.wrap(false, bytes);
    }

    /**
     * Wraps binary message data, handed over without copying.
     *
     * @param data the bytes
     * @return the packet
     */
    public static EngineIoMessage binary(byte[] data) {
        return MessageAccess.wrap(true, data);
    }

    /**
     * Number of UTF-16 code units of a text packet (type digit included), which is how protocol v3 measures
     * packet lengths in string payloads (JavaScript string length).
     *
     * @param utf8 valid UTF-8 bytes
     * @param from first index
     * @param to end index, exclusive
     * @return the UTF-16 length
     */
    public static int utf16Length(byte[] utf8, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int b = utf8[i];
            if ((b & 0xC0) != 0x80) {
                n++;
            }
            if ((b & 0xF8) == 0xF0) {
                n++; // a 4-byte sequence is a surrogate pair in UTF-16
            }
        }
        return n;
    }
}
