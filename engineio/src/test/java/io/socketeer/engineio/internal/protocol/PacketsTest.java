package io.socketeer.engineio.internal.protocol;

import io.socketeer.engineio.EngineIoMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Single packets: type digits, decoding text packets, the v3 UTF-16 length, and data comparison.
 */
class PacketsTest {

    @ParameterizedTest
    @EnumSource(PacketType.class)
    void eachTypeHasItsDigitAndIsFoundByIt(PacketType type) {
        assertEquals((char) ('0' + type.ordinal()), type.digit());
        assertSame(type, PacketType.of(type.digit()));
    }

    @Test
    void typeDigitsFollowTheSpec() {
        assertEquals('0', PacketType.OPEN.digit());
        assertEquals('1', PacketType.CLOSE.digit());
        assertEquals('2', PacketType.PING.digit());
        assertEquals('3', PacketType.PONG.digit());
        assertEquals('4', PacketType.MESSAGE.digit());
        assertEquals('5', PacketType.UPGRADE.digit());
        assertEquals('6', PacketType.NOOP.digit());
    }

    @ParameterizedTest
    @ValueSource(ints = {'/', '7', '9', 'a', 'b', 0, -1, 0xFF, (byte) 0xC3})
    void noTypeHasOtherCharacters(int c) {
        assertNull(PacketType.of(c));
    }

    /** Text packets and what they decode to. */
    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("0{\"sid\":\"x\"}", PacketType.OPEN, "{\"sid\":\"x\"}"),
                arguments("1", PacketType.CLOSE, ""),
                arguments("2", PacketType.PING, ""),
                arguments("2probe", PacketType.PING, "probe"),
                arguments("3probe", PacketType.PONG, "probe"),
                arguments("4hello", PacketType.MESSAGE, "hello"),
                arguments("4", PacketType.MESSAGE, ""),
                arguments("4€😀", PacketType.MESSAGE, "€😀"),
                arguments("5", PacketType.UPGRADE, ""),
                arguments("6", PacketType.NOOP, ""));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void decodesATextPacket(String packet, PacketType type, String data) throws Exception {
        byte[] bytes = packet.getBytes(StandardCharsets.UTF_8);
        EngineIoMessage m = Packets.decodeText(bytes);
        assertFalse(m.isBinary());
        assertSame(type, Packets.type(m));
        assertEquals(data, m.text());
        assertArrayEquals(bytes, MessageAccess.bytesOf(m));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "abc", "/x", " 4", "{}"})
    void refusesAnEmptyOrUntypedTextPacket(String packet) {
        assertThrows(ParseException.class, () -> Packets.decodeText(packet.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void controlPacketsHoldTheirDigitThenTheirData() {
        assertEquals("1", new String(MessageAccess.bytesOf(Packets.CLOSE), StandardCharsets.UTF_8));
        assertEquals("2", new String(MessageAccess.bytesOf(Packets.PING), StandardCharsets.UTF_8));
        assertEquals("3", new String(MessageAccess.bytesOf(Packets.PONG), StandardCharsets.UTF_8));
        assertEquals("3probe", new String(MessageAccess.bytesOf(Packets.PONG_PROBE), StandardCharsets.UTF_8));
        assertEquals("6", new String(MessageAccess.bytesOf(Packets.NOOP), StandardCharsets.UTF_8));
        EngineIoMessage open = Packets.control(PacketType.OPEN, "{\"a\":\"é\"}");
        assertEquals("0{\"a\":\"é\"}", new String(MessageAccess.bytesOf(open), StandardCharsets.UTF_8));
        assertSame(PacketType.OPEN, Packets.type(open));
    }

    @Test
    void aBinaryPacketIsAlwaysAMessage() {
        // even when its first byte happens to be an ASCII type digit
        assertSame(PacketType.MESSAGE, Packets.type(Packets.binary(new byte[] {'2'})));
        assertSame(PacketType.MESSAGE, Packets.type(EngineIoMessage.binary(new byte[0])));
    }

    @Test
    void wrapsBinaryDataWithoutCopying() {
        byte[] data = {1, 2, 3};
        EngineIoMessage m = Packets.binary(data);
        assertTrue(m.isBinary());
        assertSame(data, MessageAccess.bytesOf(m));
    }

    @Test
    void comparesTheDataAfterTheTypeDigit() {
        assertTrue(Packets.hasData(Packets.PONG_PROBE, "probe"));
        assertTrue(Packets.hasData(Packets.PING, ""));
        assertTrue(Packets.hasData(Packets.control(PacketType.PING, "probe"), "probe"));
        assertFalse(Packets.hasData(Packets.PING, "probe"));
        assertFalse(Packets.hasData(Packets.PONG_PROBE, ""));
        assertFalse(Packets.hasData(Packets.PONG_PROBE, "prob"));
        assertFalse(Packets.hasData(Packets.PONG_PROBE, "probes"));
        assertFalse(Packets.hasData(Packets.PONG_PROBE, "Probe"));
        // the type digit is not part of the data
        assertFalse(Packets.hasData(Packets.PONG_PROBE, "3probe"));
    }

    @Test
    void binaryPacketsHaveNoTextData() {
        // five bytes that spell "probe" after a leading byte must not count as the probe
        assertFalse(Packets.hasData(Packets.binary("2probe".getBytes(StandardCharsets.US_ASCII)), "probe"));
        assertFalse(Packets.hasData(Packets.binary(new byte[] {'2'}), ""));
    }

    /** UTF-8 text and its length in UTF-16 code units. */
    static Stream<Arguments> utf16() {
        return Stream.of(
                arguments("", 0),
                arguments("4hello", 6),
                arguments("é", 1),          // 2 bytes
                arguments("€", 1),          // 3 bytes
                arguments("😀", 2),         // 4 bytes, a surrogate pair
                arguments("4a€😀b", 6),
                arguments("😀😀😀", 6),
                arguments("\u0000", 1),
                arguments("\uFFFF", 1),     // the last 3-byte character
                arguments("\uD800\uDC00", 2)); // the first 4-byte character
    }

    @ParameterizedTest
    @MethodSource("utf16")
    void countsUtf16CodeUnitsOfUtf8Text(String text, int units) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(units, Packets.utf16Length(utf8, 0, utf8.length));
        assertEquals(text.length(), units); // the table agrees with Java's own UTF-16 strings
    }

    @Test
    void countsOnlyTheGivenRange() {
        byte[] utf8 = "ab€😀cd".getBytes(StandardCharsets.UTF_8); // a b [3] [4] c d
        assertEquals(2, Packets.utf16Length(utf8, 0, 2));
        assertEquals(1, Packets.utf16Length(utf8, 2, 5));
        assertEquals(2, Packets.utf16Length(utf8, 5, 9));
        assertEquals(1, Packets.utf16Length(utf8, 10, 11));
    }
}
