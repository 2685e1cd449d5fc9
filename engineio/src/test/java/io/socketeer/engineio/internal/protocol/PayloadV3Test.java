package io.socketeer.engineio.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.socketeer.engineio.EngineIoMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Protocol v3 payloads as engine.io-parser 2.x writes them: string payloads with JavaScript (UTF-16) lengths,
 * binary payloads with a marker byte and length digits as byte values, and the JSONP wrapping.
 */
class PayloadV3Test {

    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final byte FF = (byte) 0xFF;

    // ------------------------------------------------------------------ string payloads

    /** String payloads whose decoding and encoding are exact inverses. */
    static Stream<Arguments> strings() {
        return Stream.of(
                arguments("6:4hello", List.of(EngineIoMessage.text("hello"))),
                arguments("6:4hello6:4world", List.of(EngineIoMessage.text("hello"), EngineIoMessage.text("world"))),
                arguments("1:4", List.of(EngineIoMessage.text(""))),
                arguments("2:4é", List.of(EngineIoMessage.text("é"))),            // 2 UTF-8 bytes, 1 unit
                arguments("2:4€", List.of(EngineIoMessage.text("€"))),            // 3 UTF-8 bytes, 1 unit
                arguments("3:4😀", List.of(EngineIoMessage.text("😀"))),          // 4 UTF-8 bytes, 2 units
                arguments("6:4a€😀b", List.of(EngineIoMessage.text("a€😀b"))),
                arguments("3:4😀2:4€", List.of(EngineIoMessage.text("😀"), EngineIoMessage.text("€"))),
                arguments("10:b4AQIDBA==", List.of(EngineIoMessage.binary(new byte[] {1, 2, 3, 4}))),
                arguments("2:4x10:b4AQIDBA==", List.of(EngineIoMessage.text("x"),
                        EngineIoMessage.binary(new byte[] {1, 2, 3, 4}))),
                arguments("1:2", List.of(Packets.PING)),
                arguments("6:3probe", List.of(Packets.PONG_PROBE)),
                arguments("4:4a:b", List.of(EngineIoMessage.text("a:b"))),
                arguments("11:4" + "1234567890", List.of(EngineIoMessage.text("1234567890"))));
    }

    @ParameterizedTest
    @MethodSource("strings")
    void encodesAStringPayloadWithUtf16Lengths(String payload, List<EngineIoMessage> packets) {
        ByteBuf out = PayloadV3.encodeString(packets, ALLOC);
        try {
            assertEquals(payload, out.toString(StandardCharsets.UTF_8));
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @MethodSource("strings")
    void decodesAStringPayloadWithUtf16Lengths(String payload, List<EngineIoMessage> packets) throws Exception {
        assertEquals(packets, PayloadV3.decodeString(payload));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "",                 // empty payload
        "4hello",           // no length
        ":4a",              // empty length
        "x:4a",             // not a number
        "-1:4a",            // sign
        "1a:4a",            // digits then junk
        "0:",               // zero length
        "0:4a",             // zero length with data after
        "1:",               // length runs past the end
        "7:4hello",         // length runs past the end by one
        "6:4hello6:4worl",  // the second packet is short
        "6:4hello:",        // trailing colon
        "12345678901:4a",   // more digits than any length may have
        "99999999999999999999:4", // far too many digits
        "1:7",              // unknown type
        "1:a",              // not a type
        "1:b",              // binary marker without type
        "3:b5A",            // binary of a type other than message
        "6:b4!!!!",         // invalid base64
        "6:b4AQ=D",         // data after base64 padding
    })
    void refusesMalformedStringPayloads(String payload) {
        assertThrows(ParseException.class, () -> PayloadV3.decodeString(payload));
    }

    @Test
    void decodesAnEmptyBinaryPacketInAStringPayload() throws Exception {
        List<EngineIoMessage> packets = PayloadV3.decodeString("2:b4");
        assertTrue(packets.get(0).isBinary());
        assertEquals(0, packets.get(0).size());
    }

    @Test
    void decodesSinglePacketStrings() throws Exception {
        assertEquals(EngineIoMessage.text("hi"), PayloadV3.decodePacketString("4hi"));
        assertEquals(EngineIoMessage.binary(new byte[] {1, 2, 3, 4}), PayloadV3.decodePacketString("b4AQIDBA=="));
        assertThrows(ParseException.class, () -> PayloadV3.decodePacketString(""));
        assertThrows(ParseException.class, () -> PayloadV3.decodePacketString("b"));
    }

    // ------------------------------------------------------------------ binary payloads

    /** Binary payloads whose decoding and encoding are exact inverses. */
    static Stream<Arguments> binaries() {
        return Stream.of(
                arguments(bytes(0, 6, FF, '4', 'h', 'e', 'l', 'l', 'o'), List.of(EngineIoMessage.text("hello"))),
                arguments(bytes(1, 5, FF, 4, 1, 2, 3, 4), List.of(EngineIoMessage.binary(new byte[] {1, 2, 3, 4}))),
                arguments(bytes(1, 1, FF, 4), List.of(EngineIoMessage.binary(new byte[0]))),
                arguments(bytes(0, 1, FF, '2'), List.of(Packets.PING)),
                // the length of a string packet counts its UTF-8 bytes here, not UTF-16 units
                arguments(bytes(0, 4, FF, '4', 0xE2, 0x82, 0xAC), List.of(EngineIoMessage.text("€"))),
                arguments(bytes(0, 5, FF, '4', 0xF0, 0x9F, 0x98, 0x80), List.of(EngineIoMessage.text("😀"))),
                // lengths of two digits are two bytes, each a digit value
                arguments(concat(bytes(0, 1, 2, FF), "4hello world".getBytes(StandardCharsets.US_ASCII)),
                        List.of(EngineIoMessage.text("hello world"))),
                arguments(concat(bytes(0, 2, FF, '4', 'a', 1, 4, FF, 4, 9, 8, 7), bytes(0, 1, FF, '6')),
                        List.of(EngineIoMessage.text("a"), EngineIoMessage.binary(new byte[] {9, 8, 7}), Packets.NOOP)));
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void encodesABinaryPayload(byte[] payload, List<EngineIoMessage> packets) {
        ByteBuf out = PayloadV3.encodeBinary(packets, ALLOC);
        try {
            assertArrayEquals(payload, ByteBufUtil.getBytes(out));
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void decodesABinaryPayload(byte[] payload, List<EngineIoMessage> packets) throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        try {
            assertEquals(packets, PayloadV3.decodeBinary(in));
            assertEquals(0, in.readerIndex());
        } finally {
            in.release();
        }
    }

    @Test
    void encodesAThreeDigitLengthAsThreeDigitBytes() {
        byte[] data = new byte[122];
        ByteBuf out = PayloadV3.encodeBinary(List.of(EngineIoMessage.binary(data)), ALLOC);
        try {
            assertArrayEquals(bytes(1, 1, 2, 3, FF, 4), ByteBufUtil.getBytes(out, 0, 6));
            assertEquals(6 + 122, out.readableBytes());
        } finally {
            out.release();
        }
    }

    @Test
    void decodesOnlyTheReadableBytesOfABinaryPayload() throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(bytes(9, 9, 0, 2, FF, '4', 'z'));
        try {
            in.skipBytes(2);
            assertEquals(List.of(EngineIoMessage.text("z")), PayloadV3.decodeBinary(in));
        } finally {
            in.release();
        }
    }

    /** Malformed binary payloads. */
    static Stream<Arguments> badBinaries() {
        return Stream.of(
                arguments("empty", bytes()),
                arguments("marker 2", bytes(2, 1, FF, '4')),
                arguments("marker 0xFF", bytes(FF, 1, FF, '4')),
                arguments("no length terminator", bytes(0, 1)),
                arguments("marker only", bytes(0)),
                arguments("digit byte above 9", bytes(0, 10, FF, '4')),
                arguments("ASCII digit instead of digit value", bytes(0, '1', FF, '4')),
                arguments("no digits", bytes(0, FF, '4')),
                arguments("zero length", bytes(0, 0, FF)),
                arguments("eleven digits", bytes(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, FF, '4')),
                arguments("length past the end", bytes(0, 3, FF, '4', 'a')),
                arguments("second packet truncated", bytes(0, 1, FF, '4', 0, 2, FF, '4')),
                arguments("binary packet of type 3", bytes(1, 2, FF, 3, 7)),
                arguments("binary packet with ASCII type", bytes(1, 2, FF, '4', 7)),
                arguments("string packet of unknown type", bytes(0, 1, FF, '9')),
                arguments("string packet with bad base64", bytes(0, 4, FF, 'b', '4', '!', '!')));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badBinaries")
    void refusesMalformedBinaryPayloads(String why, byte[] payload) {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        try {
            assertThrows(ParseException.class, () -> PayloadV3.decodeBinary(in));
        } finally {
            in.release();
        }
    }

    @Test
    void tellsWhetherAnyPacketIsBinary() {
        assertFalse(PayloadV3.hasBinary(List.of(EngineIoMessage.text("a"), Packets.PING)));
        assertTrue(PayloadV3.hasBinary(List.of(EngineIoMessage.text("a"), EngineIoMessage.binary(new byte[1]))));
        assertFalse(PayloadV3.hasBinary(List.of()));
    }

    // ------------------------------------------------------------------ JSONP

    /** Payloads and the script the JSONP transport wraps them in. */
    static Stream<Arguments> jsonp() {
        return Stream.of(
                arguments("0", "6:4hello", "___eio[0](\"6:4hello\");"),
                arguments("12", "", "___eio[12](\"\");"),
                arguments("1", "5:4\"a\"", "___eio[1](\"5:4\\\"a\\\"\");"),
                arguments("1", "4:4a\\b", "___eio[1](\"4:4a\\\\b\");"),
                arguments("1", "4:4a\nb", "___eio[1](\"4:4a\\nb\");"),
                arguments("1", "\r\t\b\f", "___eio[1](\"\\r\\t\\b\\f\");"),
                arguments("1", "\u0001\u001f", "___eio[1](\"\\u0001\\u001f\");"),
                arguments("1", "a\u2028b\u2029c", "___eio[1](\"a\\u2028b\\u2029c\");"),
                arguments("1", "</script>", "___eio[1](\"\\u003c/script\\u003e\");"),
                arguments("1", "é€😀'", "___eio[1](\"é€😀'\");"));
    }

    @ParameterizedTest
    @MethodSource("jsonp")
    void wrapsAPayloadAsAJsonpScript(String index, String payload, String script) {
        assertEquals(script, PayloadV3.jsonp(index, payload));
    }

    /** Form field values and the payload they carry. */
    static Stream<Arguments> jsonpData() {
        return Stream.of(
                arguments("6:4hello", "6:4hello"),
                arguments("4:4a\\nb", "4:4a\nb"),           // backslash n is a newline
                arguments("5:4a\\\\nb", "5:4a\\nb"),        // backslash backslash n is a literal backslash n
                arguments("\\n\\n", "\n\n"),
                arguments("a\\", "a\\"),                     // a trailing backslash stays
                arguments("a\\\\", "a\\\\"),                 // so do two
                arguments("a\\tb", "a\\tb"),                 // other escapes are left alone
                arguments("", ""));
    }

    @ParameterizedTest
    @MethodSource("jsonpData")
    void undoesTheNewlineEscapingOfTheJsonpClient(String field, String payload) {
        assertEquals(payload, PayloadV3.unescapeJsonpData(field));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
