package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tree parser builds what Jackson's readTree builds, refuses what it refuses, and is checked against it
 * on a few hundred thousand mutated inputs.
 */
class JsonTreeParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader JACKSON = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonTreeParser PARSER = new JsonTreeParser(StreamReadConstraints.defaults());

    private static JsonNode parse(String json) throws JsonTreeParser.InvalidJsonException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return PARSER.parse(b, 0, b.length);
    }

    /** @return Jackson's tree, or null when Jackson refuses the input (or finds no value in it) */
    private static JsonNode jackson(byte[] b) {
        try {
            JsonNode n = JACKSON.readTree(b, 0, b.length);
            return n == null || n.isMissingNode() ? null : n;
        } catch (Exception e) {
            return null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[\"message\",1,2.5,-0,true,false,null,{\"a\":[{}],\"b\":\"c\"}]", " { \"k\" : [ 1 , 2 ] } ",
        "\"\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\"", "\"é€😀\"", "1e5", "-1.5E-3", "0", "2147483647", "2147483648",
        "-2147483649", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
        "123456789012345678901234567890", "{\"a\":1,\"a\":2,\"b\":3}", "\"\\ud800\"", "[[[[]]]]"})
    void buildsTheTreeJacksonBuilds(String json) throws Exception {
        assertEquals(jackson(json.getBytes(StandardCharsets.UTF_8)), parse(json), json);
    }

    @Test
    void keepsNumberTypesBySize() throws Exception {
        assertTrue(parse("1").isInt());
        assertTrue(parse("4294967296").isLong());
        assertEquals(new BigInteger("123456789012345678901234567890"), parse("123456789012345678901234567890")
                .bigIntegerValue());
        assertTrue(parse("1.0").isDouble());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[", "]", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}", "{a:1}", "{\"a\":1,}", "01", "-", "1.", ".5", "+1",
        "1e", "1e+", "NaN", "Infinity", "tru", "nul", "[1] x", "[1][2]", "\"abc", "\"\\x\"", "\"\\u12\"",
        "\"a\u0001b\"", "// c\n1", "'a'", "[1 2]"})
    void refusesWhatJacksonRefuses(String json) {
        assertThrows(JsonTreeParser.InvalidJsonException.class, () -> parse(json), json);
        assertEquals(null, jackson(json.getBytes(StandardCharsets.UTF_8)), "Jackson refuses " + json + " too");
    }

    @Test
    void refusesMalformedUtf8() {
        for (byte[] bad : List.of(new byte[] {'"', (byte) 0xc3, '"'}, new byte[] {'"', (byte) 0xff, '"'},
                new byte[] {'"', (byte) 0xc0, (byte) 0x80, '"'}, new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},
                new byte[] {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, new byte[] {'"', (byte) 0x80, '"'})) {
            assertThrows(JsonTreeParser.InvalidJsonException.class, () -> PARSER.parse(bad, 0, bad.length));
        }
    }

    @Test
    void refusesNestingBeyondTheLimitAndAcceptsItUpToTheLimit() throws Exception {
        int max = StreamReadConstraints.defaults().getMaxNestingDepth();
        parse("[".repeat(max) + "]".repeat(max));
        assertThrows(JsonTreeParser.InvalidJsonException.class,
                () -> parse("[".repeat(max + 1) + "]".repeat(max + 1)));
        assertThrows(JsonTreeParser.InvalidJsonException.class,
                () -> parse("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
    }

    @Test
    void parsesOnlyTheGivenRange() throws Exception {
        byte[] b = "xx[1,2]yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(MAPPER.readTree("[1,2]"), PARSER.parse(b, 2, 5));
    }

    @Test
    void agreesWithJacksonOnMutatedInputs() {
        String[] seeds = {
            "[\"message\",{\"text\":\"hello\",\"n\":12,\"ok\":true,\"list\":[1,2.5,-3e2,null]}]",
            "[\"a\",\"b\\\"c\\\\d\\u0041\"]", "{\"_placeholder\":true,\"num\":0}", "[[],{},[{}],\"\",0,-0.0]",
            "[\"x\",123456789012345678901,1E400,-1e-400]"};
        byte[] alphabet = "[]{}\",:0123456789.-+eE \\/utfnalsrbu\"x".getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(7);
        for (int i = 0; i < 300_000; i++) {
            byte[] b = seeds[random.nextInt(seeds.length)].getBytes(StandardCharsets.US_ASCII);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int op = random.nextInt(3);
                int at = random.nextInt(b.length + 1);
                byte c = alphabet[random.nextInt(alphabet.length)];
                if (op == 0 && at < b.length) {
                    b[at] = c;
                } else if (op == 1) {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = c;
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                } else if (at < b.length) {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
            }
            JsonNode expected = jackson(b);
            JsonNode actual;
            try {
                actual = PARSER.parse(b, 0, b.length);
            } catch (JsonTreeParser.InvalidJsonException e) {
                actual = null;
            }
            if (expected == null ? actual != null : !expected.equals(actual)) {
                fail("differs from Jackson on " + new String(b, StandardCharsets.US_ASCII) + ": " + expected + " vs " + actual);
            }
        }
    }
}
