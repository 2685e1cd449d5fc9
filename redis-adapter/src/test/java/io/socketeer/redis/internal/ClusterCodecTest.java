package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.OutgoingPacket;
import io.socketeer.socketio.adapter.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster messages, against bytes {@code @socket.io/redis-adapter} 8.3 (notepack.io 3.0) writes.
 */
class ClusterCodecTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    /** notepack.encode(["abc123", {type: 2, data: ["news", 1, "two", {three: [true, null, 3.5]},
     * Buffer.from([0, 1, 255])], nsp: "/"}, {rooms: ["room1"], except: ["room2"], flags: {}}]) */
    private static final String NODE_BROADCAST = "93a661626331323383a47479706502a46461746195a46e65777301a374776f81"
            + "a5746872656593c3c0cb400c000000000000c4030001ffa36e7370a12f83a5726f6f6d7391a5726f6f6d31a665786365"
            + "707491a5726f6f6d32a5666c61677380";

    /** notepack.encode({uid: "abc123", requestId: "req456", type: 7, packet: {type: 2, data: ["poll"],
     * nsp: "/chat"}, opts: {rooms: [], except: [], flags: {timeout: 3000}}}) */
    private static final String NODE_BROADCAST_REQUEST = "85a3756964a6616263313233a9726571756573744964a6726571"
            + "343536a47479706507a67061636b657483a47479706502a46461746191a4706f6c6ca36e7370a52f63686174a46f7074"
            + "7383a5726f6f6d7390a665786365707490a5666c61677381a774696d656f7574cd0bb8";

    private static ArrayNode newsData() {
        ArrayNode data = NODES.arrayNode();
        data.add("news").add(1).add("two");
        data.addObject().putArray("three").add(true).addNull().add(3.5);
        data.add(NODES.binaryNode(new byte[] {0, 1, (byte) 255}));
        return data;
    }

    @Test
    void aBroadcastIsEncodedExactlyAsTheNodeAdapterEncodesIt() {
        OutgoingPacket packet = new OutgoingPacket(PacketType.EVENT, "/", newsData(), -1);
        BroadcastOptions opts = new BroadcastOptions(Set.of("room1"), Set.of("room2"), false, false, true);
        assertEquals(NODE_BROADCAST, HEX.formatHex(ClusterCodec.encodeBroadcast("abc123", packet, opts)));
    }

    @Test
    void aBroadcastFromNodeDecodesWithItsBinaryArgument() throws Exception {
        BroadcastMessage m = ClusterCodec.decodeBroadcast(HEX.parseHex(NODE_BROADCAST));
        assertEquals("abc123", m.uid());
        assertEquals("/", m.namespace());
        assertEquals(newsData().get(3), m.data().get(3));
        assertArrayEquals(new byte[] {0, 1, (byte) 255}, m.data().get(4).binaryValue());
        assertEquals(Set.of("room1"), m.options().rooms());
        assertEquals(Set.of("room2"), m.options().except());
        assertTrue(m.options().local(), "a remote broadcast is delivered here only");
        assertTrue(m.options().compress());
        assertFalse(m.options().volatileFlag());
    }

    @Test
    void broadcastFlagsTravelAsTheNodeFlagsObject() {
        OutgoingPacket packet = new OutgoingPacket(PacketType.EVENT, "/chat", NODES.arrayNode().add("e"), -1);
        BroadcastOptions opts = new BroadcastOptions(Set.of(), Set.of(), true, false, false);
        BroadcastMessage back = ClusterCodec.decodeBroadcast(ClusterCodec.encodeBroadcast("u", packet, opts));
        assertTrue(back.options().volatileFlag());
        assertFalse(back.options().compress());
        assertEquals("/chat", back.namespace());
        JsonNode raw = MsgPack.decode(ClusterCodec.encodeBroadcast("u", packet, opts));
        assertEquals(NODES.objectNode().put("volatile", true).put("compress", false), raw.get(2).get("flags"));
    }

    @Test
    void aPacketWithoutNamespaceBelongsToTheMainNamespaceAndNumericRoomsBecomeText() {
        ArrayNode msg = NODES.arrayNode().add("u");
        msg.addObject().put("type", 5).putArray("data").add("e");
        ObjectNode opts = msg.addObject();
        opts.putArray("rooms").add(42);
        BroadcastMessage m = ClusterCodec.decodeBroadcast(MsgPack.encode(msg));
        assertEquals("/", m.namespace());
        assertEquals(Set.of("42"), m.options().rooms());
    }

    @Test
    void aBroadcastRequestFromNodeDecodesToItsFields() {
        ObjectNode r = ClusterCodec.decodeMessage(HEX.parseHex(NODE_BROADCAST_REQUEST));
        assertEquals(RequestType.BROADCAST, ClusterCodec.type(r));
        assertEquals("req456", r.get("requestId").asText());
        assertEquals("/chat", r.get("packet").get("nsp").asText());
        assertEquals(3000, r.get("opts").get("flags").get("timeout").asInt());
    }

    @Test
    void aBroadcastAckIsMessagePackWithTheSameKeysAsNodes() {
        ObjectNode ack = ClusterCodec.message(RequestType.BROADCAST_ACK).put("requestId", "req456");
        ack.set("packet", NODES.binaryNode("hi".getBytes(StandardCharsets.UTF_8)));
        // notepack.encode({type: 9, requestId: "req456", packet: Buffer.from("hi")})
        assertEquals("83a47479706509a9726571756573744964a6726571343536a67061636b6574c4026869",
                HEX.formatHex(ClusterCodec.encodeMsgPack(ack)));
    }

    @Test
    void jsonRequestsAreReadByTheirFirstByteAndBinaryInThemIsWrittenAsNodeWritesABuffer() {
        ObjectNode req = ClusterCodec.message(RequestType.SERVER_SIDE_EMIT).put("uid", "u");
        req.putArray("data").add("file").add(NODES.binaryNode(new byte[] {1, 2}));
        byte[] bytes = ClusterCodec.encodeJson(req);
        assertEquals("{\"type\":6,\"uid\":\"u\",\"data\":[\"file\",{\"type\":\"Buffer\",\"data\":[1,2]}]}",
                new String(bytes, StandardCharsets.UTF_8));
        ObjectNode back = ClusterCodec.decodeMessage(bytes);
        assertEquals(RequestType.SERVER_SIDE_EMIT, ClusterCodec.type(back));
        assertEquals(List.of("file"), List.of(back.get("data").get(0).asText()));
    }

    @Test
    void anUnknownRequestTypeReadsAsNoType() {
        assertNull(ClusterCodec.type(ClusterCodec.decodeMessage("{\"type\":42}".getBytes(StandardCharsets.UTF_8))));
        assertNull(ClusterCodec.type(ClusterCodec.decodeMessage("{\"type\":\"7\"}".getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a3666f6f",                    // "foo": not an array
        "92a16180",                    // [uid, {}]: too short
        "93c080c0",                    // [nil, {}, nil]: no uid
        "93a16181a47479706503c0",      // an ACK packet, not an event
        "93a16181a47479706502c0",      // an event without data
        "93a16182a47479706502a46461746190c0", // an event with empty data
        "93a16182a47479706502a4646174619101a3",   // truncated
        "7b7d",                        // JSON text on the broadcast channel
    })
    void foreignOrMalformedBroadcastsAreRefused(String hex) {
        assertThrows(MalformedMessageException.class, () -> ClusterCodec.decodeBroadcast(HEX.parseHex(hex)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[1,2]", "hello", "", "\u0093\u0001"})
    void foreignOrMalformedRequestsAreRefused(String text) {
        assertThrows(MalformedMessageException.class,
                () -> ClusterCodec.decodeMessage(text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
