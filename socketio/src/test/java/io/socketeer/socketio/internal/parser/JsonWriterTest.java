package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static String write(JsonNode node, List<byte[]> attachments) {
        JsonWriter w = new JsonWriter(4);
        w.write(node, MAPPER, attachments);
        return new String(w.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String write(JsonNode node) {
        return write(node, new ArrayList<>());
    }

    @Test
    void writesCompactJsonWithKeysInInsertionOrder() {
        JsonNode tree = F.objectNode().put("z", 1).put("a", "b").set("list", F.arrayNode().add(true).add(false)
                .addNull().add(F.objectNode()));
        assertEquals("{\"z\":1,\"a\":\"b\",\"list\":[true,false,null,{}]}", write(tree));
    }

    @Test
    void escapesStringsAsJsonStringifyDoes() {
        assertEquals("\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\f\"", write(F.textNode("q\"b\\n\nr\rt\tb\bf\f")));
        assertEquals("\"\\u0000\\u001f\u007f/\"", write(F.textNode("\u0000\u001f\u007f/")));
    }

    @Test
    void writesNonAsciiAsUtf8AndLoneSurrogatesAsEscapes() {
        String text = "é€😀";
        assertArrayEquals(("\"" + text + "\"").getBytes(StandardCharsets.UTF_8),
                write(F.textNode(text)).getBytes(StandardCharsets.UTF_8));
        assertEquals("\"a\\ud800b\\udc00\"", write(F.textNode("a\ud800b\udc00")));
        assertEquals("\"\\ud83d\"", write(F.textNode("\ud83d")), "a high surrogate at the end");
    }

    @Test
    void growsForLongStringsOfEveryKind() {
        String text = "x\u0001é😀".repeat(5000);
        JsonNode back = parse(write(F.textNode(text)));
        assertEquals(text, back.textValue());
    }

    @Test
    void writesNumbersAsJacksonDoesAndNonFiniteAsNull() {
        ArrayNode numbers = F.arrayNode().add(1).add(-7L).add(Long.MAX_VALUE).add(new BigInteger("123456789012345678901234"))
                .add(1.5).add(2.5f).add(new BigDecimal("1.10")).add(Double.NaN).add(Double.POSITIVE_INFINITY)
                .add(Float.NEGATIVE_INFINITY).add((short) 3);
        assertEquals("[1,-7,9223372036854775807,123456789012345678901234,1.5,2.5,1.10,null,null,null,3]",
                write(numbers));
    }

    @Test
    void replacesBinaryWithNumberedPlaceholdersInOrderOfAppearance() {
        List<byte[]> attachments = new ArrayList<>();
        JsonNode tree = F.arrayNode().add("file").add(F.binaryNode(new byte[] {1}))
                .add(F.objectNode().set("inner", F.pojoNode(new byte[] {2, 3})));
        assertEquals("[\"file\",{\"_placeholder\":true,\"num\":0},{\"inner\":{\"_placeholder\":true,\"num\":1}}]",
                write(tree, attachments));
        assertEquals(2, attachments.size());
        assertArrayEquals(new byte[] {1}, attachments.get(0));
        assertArrayEquals(new byte[] {2, 3}, attachments.get(1));
    }

    @Test
    void convertsPojosWithTheMapper() {
        record Message(String text, int n) {
        }
        assertEquals("[{\"text\":\"hi\",\"n\":2},{\"k\":[1]}]",
                write(F.arrayNode().addPOJO(new Message("hi", 2)).addPOJO(Map.of("k", List.of(1)))));
    }

    @Test
    void aThreadsWriterStartsEmptyEachTime() {
        JsonWriter first = JsonWriter.local();
        first.write(F.textNode("x".repeat(100_000)), MAPPER, new ArrayList<>());
        JsonWriter again = JsonWriter.local();
        assertEquals(0, again.length());
        again.write(F.numberNode(1), MAPPER, new ArrayList<>());
        assertEquals("1", new String(again.toByteArray(), StandardCharsets.US_ASCII));
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
