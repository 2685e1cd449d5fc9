package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.socketio.adapter.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static io.socketeer.socketio.adapter.PacketType.ACK;
import static io.socketeer.socketio.adapter.PacketType.CONNECT;
import static io.socketeer.socketio.adapter.PacketType.CONNECT_ERROR;
import static io.socketeer.socketio.adapter.PacketType.DISCONNECT;
import static io.socketeer.socketio.adapter.PacketType.EVENT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket.IO packets as the Engine.IO messages that carry them: exact text, then binary attachments.
 */
class PacketEncoderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PH0 = "{\"_placeholder\":true,\"num\":0}";
    private static final String PH1 = "{\"_placeholder\":true,\"num\":1}";

    private final PacketEncoder encoder = new PacketEncoder(MAPPER);

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static ArrayNode array(Object... values) {
        ArrayNode a = NODES.arrayNode();
        for (Object v : values) {
            if (v instanceof byte[] b) {
                a.add(BinaryNode.valueOf(b));
            } else if (v instanceof JsonNode n) {
                a.add(n);
            } else if (v instanceof String s) {
                a.add(s);
            } else if (v instanceof Integer i) {
                a.add(i);
            } else {
                a.addPOJO(v);
            }
        }
        return a;
    }

    /** Encodes a packet that must come out as one text message, and returns the Socket.IO text. */
    private String text(PacketType type, String nsp, long id, JsonNode data) {
        List<EngineIoMessage> out = encoder.encode(type, nsp, id, data);
        assertEquals(1, out.size(), "messages");
        assertFalse(out.get(0).isBinary());
        return out.get(0).text();
    }

    @Test
    void writesAnEventOnTheMainNamespaceWithoutNamespace() {
        assertEquals("2[\"hello\",1]", text(EVENT, "/", -1, array("hello", 1)));
    }

    @Test
    void producesAnEngineIoMessagePacketWhoseWireFormStartsWithFour() {
        EngineIoMessage m = encoder.encode(EVENT, "/", -1, array("hello", 1)).get(0);

        assertEquals(EngineIoMessage.text("2[\"hello\",1]"), m);
        assertEquals("2[\"hello\",1]".length(), m.size());
    }

    @Test
    void writesNamespaceThenCommaThenAckId() {
        assertEquals("2/admin,12[\"a\"]", text(EVENT, "/admin", 12, array("a")));
        assertEquals("212[\"foo\"]", text(EVENT, "/", 12, array("foo")));
        assertEquals("20[\"ack\"]", text(EVENT, "/", 0, array("ack")));
    }

    @Test
    void writesEveryDigitOfLargeAckIds() {
        assertEquals("39[]", text(ACK, "/", 9, NODES.arrayNode()));
        assertEquals("310[]", text(ACK, "/", 10, NODES.arrayNode()));
        assertEquals("3/x,4294967296[]", text(ACK, "/x", 4294967296L, NODES.arrayNode()));
        assertEquals("2" + Long.MAX_VALUE, text(EVENT, "/", Long.MAX_VALUE, null));
    }

    @Test
    void writesAcks() {
        assertEquals("3/admin,13[\"bar\"]", text(ACK, "/admin", 13, array("bar")));
        assertEquals("3456[1,\"2\",{\"3\":[false]}]", text(ACK, "/", 456, json("[1,\"2\",{\"3\":[false]}]")));
        assertEquals("30[null]", text(ACK, "/", 0, json("[null]")));
        assertEquals("31[]", text(ACK, "/", 1, NODES.arrayNode()));
    }

    @Test
    void writesConnectRepliesAlwaysWithTheComma() {
        assertEquals("0{\"sid\":\"x\"}", text(CONNECT, "/", -1, json("{\"sid\":\"x\"}")));
        assertEquals("0/custom,{\"sid\":\"x\"}", text(CONNECT, "/custom", -1, json("{\"sid\":\"x\"}")));
        assertEquals("0{\"sid\":\"x\",\"pid\":\"y\"}", text(CONNECT, "/", -1, json("{\"sid\":\"x\",\"pid\":\"y\"}")));
    }

    @Test
    void writesDisconnectsWithoutPayload() {
        assertEquals("1", text(DISCONNECT, "/", -1, null));
        assertEquals("1/admin,", text(DISCONNECT, "/admin", -1, null));
    }

    @Test
    void writesConnectErrors() {
        assertEquals("4{\"message\":\"Not authorized\"}",
                text(CONNECT_ERROR, "/", -1, json("{\"message\":\"Not authorized\"}")));
        assertEquals("4/random,{\"message\":\"Invalid namespace\"}",
                text(CONNECT_ERROR, "/random", -1, json("{\"message\":\"Invalid namespace\"}")));
    }

    @Test
    void writesATwoDigitAttachmentCount() {
        Object[] args = new Object[13];
        args[0] = "many";
        for (int i = 1; i < args.length; i++) {
            args[i] = new byte[] {(byte) i};
        }
        List<EngineIoMessage> out = encoder.encode(ACK, "/x", 1234, array(args));
        assertEquals(13, out.size());
        assertTrue(out.get(0).text().startsWith("612-/x,1234[\"many\",{\"_placeholder\":true,\"num\":0}"),
                out.get(0).text());
    }

    @Test
    void turnsAnEventWithBinaryIntoABinaryEventFollowedByItsAttachments() {
        byte[] doge = "asdfasdf".getBytes(StandardCharsets.US_ASCII);

        List<EngineIoMessage> out = encoder.encode(EVENT, "/", -1, array("doge", doge));

        assertEquals(2, out.size());
        assertEquals("51-[\"doge\"," + PH0 + "]", out.get(0).text());
        assertTrue(out.get(1).isBinary());
        assertArrayEquals(doge, out.get(1).data());
    }

    @Test
    void numbersPlaceholdersInOrderOfAppearanceWhereverTheyAre() {
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5, 6};
        byte[] c = {};
        ObjectNode obj = NODES.objectNode();
        obj.put("hello", "lol");
        obj.set("message", BinaryNode.valueOf(b));
        obj.set("nested", array(1, array(c)));

        List<EngineIoMessage> out = encoder.encode(EVENT, "/admin", 3, array("e", a, obj));

        assertEquals("53-/admin,3[\"e\"," + PH0 + ",{\"hello\":\"lol\",\"message\":" + PH1
                + ",\"nested\":[1,[{\"_placeholder\":true,\"num\":2}]]}]", out.get(0).text());
        assertEquals(4, out.size());
        assertArrayEquals(a, out.get(1).data());
        assertArrayEquals(b, out.get(2).data());
        assertArrayEquals(c, out.get(3).data());
    }

    @Test
    void turnsAnAckWithBinaryIntoABinaryAck() {
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5, 6};

        List<EngineIoMessage> out = encoder.encode(ACK, "/", 789, array(a, b));

        assertEquals("62-789[" + PH0 + "," + PH1 + "]", out.get(0).text());
        assertArrayEquals(a, out.get(1).data());
        assertArrayEquals(b, out.get(2).data());
    }

    @Test
    void writesTheSameBytesWhenTheSameBinaryAppearsTwice() {
        byte[] a = {9};

        List<EngineIoMessage> out = encoder.encode(EVENT, "/", -1, array("e", a, a));

        assertEquals("52-[\"e\"," + PH0 + "," + PH1 + "]", out.get(0).text());
        assertArrayEquals(a, out.get(1).data());
        assertArrayEquals(a, out.get(2).data());
    }

    @Test
    void keepsIntegersAsIntegers() {
        ArrayNode data = array("n", 1);
        data.add(12345678901L);
        data.add(new BigInteger("123456789012345678901234567890"));
        data.add(2.5);
        data.add(0);

        assertEquals("2[\"n\",1,12345678901,123456789012345678901234567890,2.5,0]", text(EVENT, "/", -1, data));
    }

    @Test
    void keepsTheInsertionOrderOfKeys() {
        ObjectNode obj = NODES.objectNode();
        obj.put("zeta", 1);
        obj.put("alpha", 2);
        obj.put("mid", 3);

        assertEquals("2[\"o\",{\"zeta\":1,\"alpha\":2,\"mid\":3}]", text(EVENT, "/", -1, array("o", obj)));
    }

    @Test
    void writesNonAsciiTextAsRawUtf8() {
        String s = "てすと Я Б Ä ß utf8 — string";

        EngineIoMessage m = encoder.encode(EVENT, "/", -1, array("takeUtf8", s)).get(0);

        assertEquals("2[\"takeUtf8\",\"" + s + "\"]", m.text());
        assertEquals(("2[\"takeUtf8\",\"" + s + "\"]").getBytes(StandardCharsets.UTF_8).length, m.size());
    }

    @Test
    void escapesWhatJsonRequiresInStrings() {
        assertEquals("2[\"q\\\"b\\\\n\\n\\u0001\"]", text(EVENT, "/", -1, array("q\"b\\n\n\u0001")));
    }

    @Test
    void writesNonFiniteDoublesAsNull() {
        ArrayNode data = array("n");
        data.add(Double.NaN);
        data.add(Double.POSITIVE_INFINITY);
        data.add(Float.NEGATIVE_INFINITY);
        data.add(1.5);

        assertEquals("2[\"n\",null,null,null,1.5]", text(EVENT, "/", -1, data));
    }

    @Test
    void writesNullsAndBooleans() {
        ArrayNode data = array("false");
        data.add(false);
        data.addNull();
        data.add(true);

        assertEquals("2[\"false\",false,null,true]", text(EVENT, "/", -1, data));
    }

    /** A value type an application might emit. */
    record Upload(String name, byte[] content, double ratio) {
    }

    @Test
    void convertsPojosWithTheMapperAndTurnsTheirBytesIntoAttachments() {
        byte[] content = {7, 8};

        List<EngineIoMessage> out = encoder.encode(EVENT, "/", -1,
                array("upload", new Upload("f.bin", content, Double.NaN)));

        assertEquals("51-[\"upload\",{\"name\":\"f.bin\",\"content\":" + PH0 + ",\"ratio\":null}]",
                out.get(0).text());
        assertArrayEquals(content, out.get(1).data());
    }

    @Test
    void writesAPojoNodeInsideAnObject() {
        ObjectNode obj = NODES.objectNode();
        obj.set("inner", new POJONode(new Upload("x", new byte[] {1}, 1.0)));

        List<EngineIoMessage> out = encoder.encode(EVENT, "/", -1, array("e", obj));

        assertEquals("51-[\"e\",{\"inner\":{\"name\":\"x\",\"content\":" + PH0 + ",\"ratio\":1}}]",
                out.get(0).text());
    }

    @Test
    void writesDoublesAsJavaScriptWritesNumbers() {
        ArrayNode data = array("n");
        data.add(42.0).add(0.75).add(1e21).add(1e-7).add(-0.0).add(3.0f).add(7L);
        assertEquals("2[\"n\",42,0.75,1e+21,1e-7,0,3,7]", encoder.encode(EVENT, "/", -1, data).get(0).text());
    }

    @Test
    void copiesBinaryArgumentsSoTheCallerMayReuseItsArray() {
        byte[] mine = {1, 2, 3};
        List<EngineIoMessage> out = encoder.encode(EVENT, "/", -1, array("e", mine));
        mine[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, out.get(1).data());
    }

    // ------------------------------------------------------------ round trip

    static Stream<String> roundTripValues() {
        return Stream.of(
                "[\"hello\"]",
                "[\"hello\",1,\"2\",{\"3\":[true]}]",
                "[42,\"numeric event name\"]",
                "[\"e\",null,false,-1,-0.5,1.0E-7,9007199254740993]",
                "[\"e\",{\"z\":{\"y\":[[],{}]},\"a\":\"\"}]",
                "[\"e\",\"てすと\",\"\\u0000\",\"😀\"]",
                "[\"e\",{\"_placeholder\":false}]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTripValues")
    void decodingWhatWasEncodedGivesTheSamePacket(String value) throws Exception {
        PacketDecoder decoder = new PacketDecoder(MAPPER, 10, false);
        JsonNode data = json(value);
        for (String nsp : List.of("/", "/admin")) {
            for (long id : new long[] {-1, 0, 77}) {
                Packet p = decoder.decode(text(EVENT, nsp, id, data)).packet();
                assertEquals(EVENT, p.type());
                assertEquals(nsp, p.namespace());
                assertEquals(id, p.id());
                assertEquals(data, p.data());
                assertNull(p.query());
            }
        }
    }

    @Test
    void decodingWhatWasEncodedGivesTheSameBinaryPacket() throws Exception {
        PacketDecoder decoder = new PacketDecoder(MAPPER, 10, false);
        BinaryReassembler reassembler = new BinaryReassembler();
        ObjectNode obj = NODES.objectNode();
        obj.set("blob", BinaryNode.valueOf(new byte[] {(byte) 0xff, 0, 1}));
        ArrayNode original = array("files", new byte[] {1, 2}, obj, array(new byte[0]));

        List<EngineIoMessage> out = encoder.encode(ACK, "/admin", 5, original);
        PacketDecoder.Decoded d = decoder.decode(out.get(0).text());
        reassembler.start(d.packet(), d.attachments());
        Packet p = null;
        for (EngineIoMessage m : out.subList(1, out.size())) {
            p = reassembler.add(m.data());
        }

        assertEquals(3, d.attachments());
        assertEquals(PacketType.BINARY_ACK, p.type());
        assertEquals("/admin", p.namespace());
        assertEquals(5, p.id());
        assertEquals(original, p.data());
    }

    @Test
    void encodesTheSameTreeIdenticallyEveryTime() {
        ArrayNode data = array("e", new byte[] {1}, "x");

        assertEquals(encoder.encode(EVENT, "/", -1, data), encoder.encode(EVENT, "/", -1, data));
        assertTrue(data.get(1).isBinary(), "the tree is not modified");
    }
}
