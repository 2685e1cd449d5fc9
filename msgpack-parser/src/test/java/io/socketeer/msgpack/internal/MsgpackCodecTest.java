package io.socketeer.msgpack.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.parser.DecodedPacket;
import io.socketeer.socketio.parser.MalformedPacketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MessagePack packet codec on bytes: the example of socket.io-msgpack-parser's README, the number rules of
 * notepack.io, and every malformed input the decoder must refuse. The full comparison with the npm parser is
 * {@code MsgpackParityTest}.
 */
class MsgpackCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final MsgpackEncoder encoder = new MsgpackEncoder(MAPPER);

    /** {@code socket.emit('hello', 'you')}, from the README of socket.io-msgpack-parser. */
    private static final String README_EXAMPLE = "83a474797065" + "02" + "a36e7370a12f" + "a464617461"
            + "92a568656c6c6fa3796f75";

    @Test
    void theReadmeExampleIsWhatAnEventEncodesTo() {
        ArrayNode data = NODES.arrayNode().add("hello").add("you");
        List<EngineIoMessage> m = encoder.encode(PacketType.EVENT, "/", -1, data);
        assertEquals(1, m.size());
        assertTrue(m.get(0).isBinary());
        assertEquals(README_EXAMPLE, HEX.formatHex(m.get(0).data()));
    }

    @Test
    void theReadmeExampleDecodesToAnEvent() throws Exception {
        DecodedPacket p = MsgpackDecoder.INSTANCE.decode(EngineIoMessage.wrapBinary(HEX.parseHex(README_EXAMPLE)));
        assertEquals(new DecodedPacket(PacketType.EVENT, "/", -1, NODES.arrayNode().add("hello").add("you")), p);
    }

    @Test
    void binaryVariantsAreWrittenAsPlainEventsAndAcksWithInlineBin() {
        ArrayNode data = NODES.arrayNode().add("f").addPOJO(new byte[] {1, 2}).add(NODES.binaryNode(new byte[] {3}));
        String hex = HEX.formatHex(encoder.encodeToBytes(PacketType.BINARY_EVENT, "/", 5, data));
        assertEquals("84a47479706502a36e7370a12fa46461746193a166c4020102c40103a2696405", hex);
        assertTrue(HEX.formatHex(encoder.encodeToBytes(PacketType.BINARY_ACK, "/", 1, NODES.arrayNode()))
                .startsWith("84a47479706503"));
    }

    @Test
    void wholeDoublesAreIntegersAndOtherNumbersFloat64AsInJavaScript() {
        ArrayNode data = NODES.arrayNode().add(2.0).add(-0.0).add(Double.NaN).add(1e300).add(1.1f)
                .add(new java.math.BigInteger("18446744073709551615")).add(new java.math.BigDecimal("0.5"));
        String hex = HEX.formatHex(encoder.encodeToBytes(PacketType.EVENT, "/", -1, data));
        assertEquals("83a47479706502a36e7370a12fa46461746197" + "02" + "00" + "cb7ff8000000000000"
                + "cb7e37e43c8800759c" + "cb3ff199999999999a" + "cfffffffffffffffff" + "cb3fe0000000000000", hex);
    }

    @Test
    void otherObjectsGoThroughTheMapper() {
        ArrayNode data = NODES.arrayNode().add(new POJONode(Map.of("k", List.of(1))));
        assertEquals("83a47479706502a36e7370a12fa4646174619181a16b9101",
                HEX.formatHex(encoder.encodeToBytes(PacketType.EVENT, "/", -1, data)));
    }

    @Test
    void otherExtensionsBecomeTypeAndBytesAsNotepackReadsThem() throws Exception {
        // data: [[5, <bytes 0a0b>], ext 0 of fixext 4 (not an ArrayBuffer for notepack)]
        DecodedPacket p = decode("83a47479706502a36e7370a12fa46461746192" + "d5050a0b" + "d60001020304");
        assertEquals(NODES.arrayNode().add(5).add(NODES.binaryNode(new byte[] {10, 11})), p.data().get(0));
        assertEquals(NODES.arrayNode().add(0).add(NODES.binaryNode(new byte[] {1, 2, 3, 4})), p.data().get(1));
    }

    @Test
    void anUndefinedIdIsNoIdAndAWholeFloatIdIsAnId() throws Exception {
        assertEquals(-1, decode("84a47479706502a36e7370a12fa46461746191a161a26964d40000").id());
        assertEquals(3, decode("84a47479706503a36e7370a12fa46461746190a26964cb4008000000000000").id());
    }

    @Test
    void duplicateKeysKeepTheLastValueAsInJavaScript() throws Exception {
        assertEquals("/b", decode("83a474797065" + "01" + "a36e7370a22f61" + "a36e7370a22f62").namespace());
    }

    @Test
    void aTextMessageIsRefused() {
        assertThrows(MalformedPacketException.class,
                () -> MsgpackDecoder.INSTANCE.decode(EngineIoMessage.text("2[\"hello\"]")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",                                                    // nothing
        "c1",                                                  // the byte MessagePack never uses
        "92a568656c6c6fa3796f75",                              // an array, not a map
        README_EXAMPLE + "00",                                 // trailing byte
        "83a47479706502a36e7370a12fa46461746192a568656c6c6f",  // truncated
        "82a474797065" + "05" + "a36e7370a12f",                // type 5: no binary types in this format
        "82a474797065" + "ff" + "a36e7370a12f",                // type -1
        "82a474797065" + "a132" + "a36e7370a12f",              // type "2"
        "82a474797065" + "cb3ff8000000000000" + "a36e7370a12f", // type 1.5
        "81a474797065" + "01",                                 // no namespace
        "82a474797065" + "01" + "a36e7370" + "01",             // namespace not a string
        "83a474797065" + "01" + "a36e7370a12f" + "a46461746190", // DISCONNECT with data
        "83a474797065" + "00" + "a36e7370a12f" + "a46461746190", // CONNECT with an array
        "82a474797065" + "02" + "a36e7370a12f",                // EVENT without data
        "83a474797065" + "02" + "a36e7370a12f" + "a46461746181a161a162", // EVENT with an object
        "84a47479706502a36e7370a12fa46461746191a161a26964ff",  // id -1
        "84a47479706502a36e7370a12fa46461746191a161a26964a131", // id "1"
        "84a47479706502a36e7370a12fa46461746191a161a26964cb3ff8000000000000", // id 1.5
        "83a47479706502a36e7370a12fa464617461ddffffffff",      // an array of 2^32-1 items in 4 bytes
        "83a47479706502a36e7370a12fa46461746191dbffffffff",    // a string of 4 GiB in 4 bytes
        "83a47479706502a36e7370a12fa46461746191c6ffffffff",    // a bin of 4 GiB in 4 bytes
        "83a47479706502a36e7370a12fa46461746191c9ffffffff00",  // an ext of 4 GiB in 4 bytes
        "8fa474797065",                                        // a map of 15 entries holding one key
    })
    void malformedInputIsRefused(String hex) {
        assertThrows(MalformedPacketException.class, () -> decode(hex));
    }

    @Test
    void nestingDeeperThanJacksonAllowsForJsonIsRefused() {
        String deep = "91".repeat(5000) + "c0";
        assertThrows(MalformedPacketException.class,
                () -> decode("83a47479706502a36e7370a12fa46461746192a161" + deep));
    }

    private static DecodedPacket decode(String hex) throws MalformedPacketException {
        return MsgpackDecoder.INSTANCE.decode(HEX.parseHex(hex));
    }
}
