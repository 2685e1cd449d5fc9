package io.socketeer.redis.emitter.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The writer against bytes {@code notepack.io} 3.0 produces for the same JavaScript values. */
class NotepackTest {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    private static void bytes(String hex, JsonNode value) {
        assertEquals(hex, HexFormat.of().formatHex(Notepack.encode(value)), value.toString());
    }

    @Test
    void integersTakeTheSmallestFormatUnsignedWhenNotNegative() {
        bytes("00", N.numberNode(0));
        bytes("7f", N.numberNode(127));
        bytes("cc80", N.numberNode(128));
        bytes("cd0100", N.numberNode(256));
        bytes("ce00010000", N.numberNode(65536));
        bytes("cf0000000100000000", N.numberNode(0x100000000L));
        bytes("ff", N.numberNode(-1));
        bytes("e0", N.numberNode(-32));
        bytes("d0df", N.numberNode(-33));
        bytes("d1ff7f", N.numberNode(-129));
        bytes("d2ffff7fff", N.numberNode(-32769));
        bytes("d3ffffffff7fffffff", N.numberNode(-2147483649L));
    }

    @Test
    void fractionsAreFloat64AndWholeDoublesIntegers() {
        bytes("cb3ff8000000000000", N.numberNode(1.5));
        bytes("02", N.numberNode(2.0));
        bytes("cb7ff0000000000000", N.numberNode(Double.POSITIVE_INFINITY));
    }

    @Test
    void textBinaryAndContainersUseTheShortestHeaders() {
        bytes("a3616263", N.textNode("abc"));
        bytes("d920" + "61".repeat(32), N.textNode("a".repeat(32)));
        bytes("da0100" + "61".repeat(256), N.textNode("a".repeat(256)));
        bytes("c40201ff", N.binaryNode(new byte[] {1, (byte) 0xff}));
        bytes("c50100" + "00".repeat(256), N.binaryNode(new byte[256]));
        bytes("93c0c3c2", N.arrayNode().addNull().add(true).add(false));
        var big = N.arrayNode();
        for (int i = 0; i < 16; i++) {
            big.add(i);
        }
        bytes("dc0010000102030405060708090a0b0c0d0e0f", big);
        bytes("81a161a2c3a9", N.objectNode().put("a", "\u00e9"));
        bytes("a5e282ac3132", N.textNode("\u20ac12"));
    }
}
