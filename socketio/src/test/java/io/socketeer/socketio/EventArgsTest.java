package io.socketeer.socketio;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading event arguments as raw trees, simple values, binary, and application types.
 */
class EventArgsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] BYTES = {0, 1, (byte) 0xfe, (byte) 0xff};

    /** Arguments as they come out of the decoder: JSON, with an attachment where a placeholder was. */
    private static EventArgs args(String json, byte[]... attachments) throws Exception {
        ArrayNode a = (ArrayNode) MAPPER.readTree(json);
        int next = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isTextual() && a.get(i).textValue().equals("<bin>")) {
                a.set(i, BinaryNode.valueOf(attachments[next++]));
            }
        }
        return new EventArgs(a, MAPPER);
    }

    @Test
    void readsStrings() throws Exception {
        EventArgs a = args("[\"hello\",\"てすと\",\"\"]");

        assertEquals("hello", a.getString(0));
        assertEquals("てすと", a.getString(1));
        assertEquals("", a.getString(2));
    }

    @Test
    void readsNonStringsAsTheirJsonText() throws Exception {
        EventArgs a = args("[1,true,{\"a\":[1,\"b\"]},[],2.5]");

        assertEquals("1", a.getString(0));
        assertEquals("true", a.getString(1));
        assertEquals("{\"a\":[1,\"b\"]}", a.getString(2));
        assertEquals("[]", a.getString(3));
        assertEquals("2.5", a.getString(4));
    }

    @Test
    void readsJsonNullAsNullString() throws Exception {
        assertNull(args("[null]").getString(0));
    }

    @Test
    void readsNumbers() throws Exception {
        EventArgs a = args("[42,-7,12345678901,2.75,0]");

        assertEquals(42, a.getInt(0));
        assertEquals(-7, a.getInt(1));
        assertEquals(12345678901L, a.getLong(2));
        assertEquals(2.75, a.getDouble(3));
        assertEquals(2, a.getInt(3), "a fraction is truncated");
        assertEquals(42.0, a.getDouble(0));
        assertEquals(0, a.getInt(4));
    }

    @Test
    void readsZeroForNumbersThatAreNotNumbers() throws Exception {
        EventArgs a = args("[\"12\",true,null,{\"a\":1},[1],\"abc\"]");

        for (int i = 0; i < a.size(); i++) {
            assertEquals(0, a.getInt(i), "int of " + a.get(i));
            assertEquals(0L, a.getLong(i), "long of " + a.get(i));
            assertEquals(0.0, a.getDouble(i), "double of " + a.get(i));
        }
    }

    @Test
    void readsBooleansWithoutJavaScriptTruthiness() throws Exception {
        EventArgs a = args("[true,false,1,\"true\",\"yes\",{},null]");

        assertTrue(a.getBoolean(0));
        assertFalse(a.getBoolean(1));
        for (int i = 2; i < a.size(); i++) {
            assertFalse(a.getBoolean(i), "boolean of " + a.get(i));
        }
    }

    @Test
    void readsBinaryAttachments() throws Exception {
        EventArgs a = args("[\"<bin>\",\"text\",{\"a\":1}]", BYTES);

        assertTrue(a.isBinary(0));
        assertArrayEquals(BYTES, a.getBytes(0));
        assertFalse(a.isBinary(1));
        assertNull(a.getBytes(1), "a string is not binary, even if it looks like base64");
        assertFalse(a.isBinary(2));
        assertNull(a.getBytes(2));
    }

    @Test
    void readsMissingIndexesAsAbsent() throws Exception {
        EventArgs a = args("[\"only\"]");

        assertNull(a.get(1));
        assertNull(a.get(-1));
        assertNull(a.getString(1));
        assertEquals(0, a.getInt(5));
        assertEquals(0L, a.getLong(5));
        assertEquals(0.0, a.getDouble(5));
        assertFalse(a.getBoolean(5));
        assertNull(a.getBytes(5));
        assertFalse(a.isBinary(5));
        assertNull(a.get(5, Message.class));
        assertNull(a.get(5, new TypeReference<List<String>>() { }));
    }

    /** An application type with a binary field. */
    record Message(String text, int count, byte[] file) {
    }

    /** The same as a classic bean. */
    public static final class Upload {
        public String name;
        public byte[] content;
        public List<String> tags;
    }

    @Test
    void convertsAnObjectToARecordWhoseByteArrayComesFromAnAttachment() throws Exception {
        ArrayNode raw = (ArrayNode) MAPPER.readTree("[{\"text\":\"hi\",\"count\":3}]");
        ((ObjectNode) raw.get(0)).set("file", BinaryNode.valueOf(BYTES));
        EventArgs a = new EventArgs(raw, MAPPER);

        Message m = a.get(0, Message.class);

        assertEquals("hi", m.text());
        assertEquals(3, m.count());
        assertArrayEquals(BYTES, m.file());
    }

    @Test
    void convertsAnObjectToAPojoWhoseByteArrayComesFromAnAttachment() throws Exception {
        ArrayNode raw = (ArrayNode) MAPPER.readTree("[\"upload\",{\"name\":\"f.bin\",\"tags\":[\"x\",\"y\"]}]");
        ((ObjectNode) raw.get(1)).set("content", BinaryNode.valueOf(BYTES));
        EventArgs a = new EventArgs(raw, MAPPER);

        Upload u = a.get(1, Upload.class);

        assertEquals("f.bin", u.name);
        assertArrayEquals(BYTES, u.content);
        assertEquals(List.of("x", "y"), u.tags);
    }

    @Test
    void convertsABinaryArgumentToAByteArray() throws Exception {
        assertArrayEquals(BYTES, args("[\"<bin>\"]", BYTES).get(0, byte[].class));
    }

    @Test
    void convertsToSimpleAndGenericTypes() throws Exception {
        EventArgs a = args("[\"s\",7,{\"k\":[1,2]},[\"a\",\"b\"]]");

        assertEquals("s", a.get(0, String.class));
        assertEquals(7, a.get(1, Integer.class));
        assertEquals(Map.of("k", List.of(1, 2)), a.get(2, new TypeReference<Map<String, List<Integer>>>() { }));
        assertEquals(List.of("a", "b"), a.get(3, new TypeReference<List<String>>() { }));
    }

    @Test
    void refusesAnArgumentThatDoesNotFitTheType() throws Exception {
        EventArgs a = args("[\"not a message\",{\"count\":\"many\"}]");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.get(0, Message.class));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.get(1, Message.class));
        assertThrows(IllegalArgumentException.class, () -> a.get(0, new TypeReference<List<String>>() { }));
    }

    @Test
    void exposesSizeListArrayAndTheRawTree() throws Exception {
        ArrayNode raw = (ArrayNode) MAPPER.readTree("[1,\"two\",null]");
        EventArgs a = new EventArgs(raw, MAPPER);

        assertEquals(3, a.size());
        assertFalse(a.isEmpty());
        assertSame(raw, a.raw());
        assertEquals(List.of(raw.get(0), raw.get(1), raw.get(2)), a.asList());
        Object[] array = a.toArray();
        assertEquals(3, array.length);
        assertSame(raw.get(1), array[1]);
        assertEquals("[1,\"two\",null]", a.toString());
    }

    @Test
    void emptyArgumentsHaveNothingToRead() {
        EventArgs a = EventArgs.empty(MAPPER);

        assertEquals(0, a.size());
        assertTrue(a.isEmpty());
        assertEquals(List.of(), a.asList());
        assertEquals(0, a.toArray().length);
        assertNull(a.getString(0));
    }

    @Test
    void aJsonNullArgumentIsPresentButEmpty() throws Exception {
        EventArgs a = args("[null]");
        JsonNode n = a.get(0);

        assertTrue(n.isNull());
        assertNull(a.get(0, Message.class));
        assertFalse(a.isBinary(0));
    }

    @Test
    void prependsAndAppendsValuesForPassingArgumentsOn() throws Exception {
        EventArgs a = args("[1,\"two\",{\"x\":3}]");
        Object[] p = a.prepend("event", 0);
        assertEquals(5, p.length);
        assertEquals("event", p[0]);
        assertEquals(0, p[1]);
        assertEquals("1", p[2].toString());
        assertEquals("{\"x\":3}", p[4].toString());
        Object[] q = a.append("end");
        assertEquals(4, q.length);
        assertEquals("\"two\"", q[1].toString());
        assertEquals("end", q[3]);
        assertEquals(3, a.prepend().length);
    }

    @Test
    void readsNumbersAsTheClientSentThem() throws Exception {
        EventArgs a = args("[42,42.5,9007199254740993,\"7\",12345678901234567890]");
        assertEquals(Integer.valueOf(42), a.getNumber(0));
        assertEquals(Double.valueOf(42.5), a.getNumber(1));
        assertEquals(Long.valueOf(9007199254740993L), a.getNumber(2));
        assertEquals(null, a.getNumber(3), "a string is not a number");
        assertEquals(new java.math.BigInteger("12345678901234567890"), a.getNumber(4));
        assertEquals(null, a.getNumber(9));
    }
}
