package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MessagePack against bytes that notepack.io 3.0 (the Node adapter's codec) produced for the same values.
 */
class MsgPackTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    /** notepack.encode([0, 127, 128, 255, 256, 65535, 65536, 2**32-1, 2**32, -1, -32, -33, -128, -129, -32768,
     * -32769, -2**31, -2**31-1, 1.5, 2.0, "a" x 31, "b" x 32]) */
    private static final String NUMBERS_AND_STRINGS = "dc0016007fcc80ccffcd0100cdffffce00010000ceffffffffcf00000001"
            + "00000000ffe0d0dfd080d1ff7fd18000d2ffff7fffd280000000d3ffffffff7fffffffcb3ff800000000000002bf"
            + "61".repeat(31) + "d920" + "62".repeat(32);

    private static ArrayNode numbersAndStrings() {
        ArrayNode a = NODES.arrayNode();
        a.add(0).add(127).add(128).add(255).add(256).add(65535).add(65536).add(4294967295L).add(4294967296L)
                .add(-1).add(-32).add(-33).add(-128).add(-129).add(-32768).add(-32769).add(-2147483648)
                .add(-2147483649L).add(1.5).add(2.0).add("a".repeat(31)).add("b".repeat(32));
        return a;
    }

    @Test
    void integersTakeTheSmallestFormatAndWholeDoublesAreWrittenAsIntegersAsNotepackDoes() {
        assertEquals(NUMBERS_AND_STRINGS, HEX.formatHex(MsgPack.encode(numbersAndStrings())));
    }

    @Test
    void notepackNumbersAndStringsDecodeToTheSameValues() {
        JsonNode decoded = MsgPack.decode(HEX.parseHex(NUMBERS_AND_STRINGS));
        ArrayNode expected = numbersAndStrings();
        expected.set(19, NODES.numberNode(2)); // 2.0 travels as the integer 2
        assertEquals(expected, decoded);
    }

    @Test
    void binaryTravelsAsBinAndComesBackAsBinaryNodes() throws Exception {
        byte[] bytes = new byte[300];
        bytes[299] = (byte) 0xFF;
        byte[] encoded = MsgPack.encode(NODES.binaryNode(bytes));
        assertEquals("c5012c", HEX.formatHex(encoded, 0, 3), "bin 16 header");
        JsonNode back = MsgPack.decode(encoded);
        assertTrue(back.isBinary());
        assertArrayEquals(bytes, back.binaryValue().clone());
    }

    @Test
    void aTimestampExtensionDecodesToItsIsoText() {
        // notepack.encode(new Date(0)) and new Date(1500)
        assertEquals("1970-01-01T00:00:00Z", MsgPack.decode(HEX.parseHex("d6ff00000000")).asText());
        assertEquals("1970-01-01T00:00:01.500Z", MsgPack.decode(HEX.parseHex("d7ff7735940000000001")).asText());
    }

    @Test
    void anObjectWithUndefinedSkippedDecodesAsNotepackWroteIt() {
        assertEquals(NODES.objectNode().put("b", 1), MsgPack.decode(HEX.parseHex("81a16201")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",               // nothing
        "93a161",         // an array of 3 with only one element
        "c1",             // the never-used byte
        "a5616263",       // a string shorter than its header says
        "c0c0",           // trailing bytes
        "dd7fffffff",     // an array announcing 2^31 elements
        "c6ffffffff00",   // a bin announcing 4 GiB
    })
    void malformedBytesAreRefusedWithAMalformedMessageException(String hex) {
        assertThrows(MalformedMessageException.class, () -> MsgPack.decode(HEX.parseHex(hex)));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        byte[] deep = new byte[MsgPack.MAX_DEPTH + 2];
        java.util.Arrays.fill(deep, (byte) 0x91); // [[[[...
        assertThrows(MalformedMessageException.class, () -> MsgPack.decode(deep));
    }
}
