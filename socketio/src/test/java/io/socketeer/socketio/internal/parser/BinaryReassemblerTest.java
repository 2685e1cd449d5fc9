package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import io.socketeer.socketio.adapter.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Putting the binary attachments that follow a BINARY_EVENT / BINARY_ACK back where their placeholders are.
 */
class BinaryReassemblerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] A = {1, 2, 3};
    private static final byte[] B = {4, 5, 6};
    private static final byte[] C = {};

    private final PacketDecoder decoder = new PacketDecoder(MAPPER, 10, false);
    private final BinaryReassembler reassembler = new BinaryReassembler();

    private void start(String text) throws ParseException {
        PacketDecoder.Decoded d = decoder.decode(text);
        reassembler.start(d.packet(), d.attachments());
    }

    private static String ph(int num) {
        return "{\"_placeholder\":true,\"num\":" + num + "}";
    }

    @Test
    void replacesASinglePlaceholderOnceItsAttachmentArrives() throws Exception {
        start("51-[\"hello\"," + ph(0) + "]");
        assertTrue(reassembler.awaiting());

        Packet p = reassembler.add(A);

        assertNotNull(p);
        assertFalse(reassembler.awaiting());
        assertEquals(PacketType.BINARY_EVENT, p.type());
        assertEquals("hello", p.data().get(0).textValue());
        assertTrue(p.data().get(1).isBinary());
        assertArrayEquals(A, p.data().get(1).binaryValue());
    }

    @Test
    void waitsForEveryAttachmentBeforeReturningThePacket() throws Exception {
        start("53-[\"e\"," + ph(0) + "," + ph(1) + "," + ph(2) + "]");

        assertNull(reassembler.add(A));
        assertTrue(reassembler.awaiting());
        assertNull(reassembler.add(B));
        Packet p = reassembler.add(C);

        assertNotNull(p);
        assertArrayEquals(A, p.data().get(1).binaryValue());
        assertArrayEquals(B, p.data().get(2).binaryValue());
        assertArrayEquals(C, p.data().get(3).binaryValue());
    }

    @Test
    void replacesPlaceholdersNestedInObjectsAndArrays() throws Exception {
        start("52-/admin,7[\"jsonbuff\",{\"hello\":\"lol\",\"message\":" + ph(0)
                + ",\"list\":[1,[" + ph(1) + "]],\"goodbye\":\"gotcha\"}]");

        reassembler.add(A);
        Packet p = reassembler.add(B);

        JsonNode obj = p.data().get(1);
        assertEquals("/admin", p.namespace());
        assertEquals(7, p.id());
        assertEquals("lol", obj.get("hello").textValue());
        assertEquals("gotcha", obj.get("goodbye").textValue());
        assertEquals(BinaryNode.valueOf(A), obj.get("message"));
        assertEquals(1, obj.get("list").get(0).intValue());
        assertEquals(BinaryNode.valueOf(B), obj.get("list").get(1).get(0));
    }

    @Test
    void usesTheNumberInThePlaceholderNotItsPosition() throws Exception {
        start("52-[\"e\"," + ph(1) + "," + ph(0) + "]");

        reassembler.add(A);
        Packet p = reassembler.add(B);

        assertArrayEquals(B, p.data().get(1).binaryValue());
        assertArrayEquals(A, p.data().get(2).binaryValue());
    }

    @Test
    void reassemblesABinaryAckWithItsId() throws Exception {
        start("61-/admin,456[" + ph(0) + "]");

        Packet p = reassembler.add(A);

        assertEquals(PacketType.BINARY_ACK, p.type());
        assertEquals("/admin", p.namespace());
        assertEquals(456, p.id());
        assertArrayEquals(A, p.data().get(0).binaryValue());
    }

    @Test
    void leavesObjectsThatAreNotPlaceholdersAlone() throws Exception {
        start("51-[\"e\",{\"_placeholder\":false,\"num\":0},{\"num\":0}," + ph(0) + "]");

        Packet p = reassembler.add(A);

        assertEquals(MAPPER.readTree("{\"_placeholder\":false,\"num\":0}"), p.data().get(1));
        assertEquals(MAPPER.readTree("{\"num\":0}"), p.data().get(2));
        assertTrue(p.data().get(3).isBinary());
    }

    @Test
    void canReassembleOnePacketAfterAnother() throws Exception {
        start("51-[\"first\"," + ph(0) + "]");
        Packet first = reassembler.add(A);
        start("51-[\"second\"," + ph(0) + "]");
        Packet second = reassembler.add(B);

        assertArrayEquals(A, first.data().get(1).binaryValue());
        assertArrayEquals(B, second.data().get(1).binaryValue());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"_placeholder\":true,\"num\":1}",      // num out of range for one attachment
            "{\"_placeholder\":true,\"num\":-1}",     // negative num
            "{\"_placeholder\":true,\"num\":99}",     // num far out of range
            "{\"_placeholder\":true}",                // missing num
            "{\"_placeholder\":true,\"num\":\"0\"}",  // num is a string
            "{\"_placeholder\":true,\"num\":0.5}",    // num is not an integer
            "{\"_placeholder\":true,\"num\":null}",   // num is null
    })
    void refusesAnInvalidPlaceholder(String placeholder) throws Exception {
        start("51-[\"e\"," + placeholder + "]");

        assertThrows(ParseException.class, () -> reassembler.add(A));
        assertFalse(reassembler.awaiting());
    }

    @Test
    void refusesAnAttachmentThatNoPlaceholderPointsTo() throws Exception {
        start("52-[\"e\"," + ph(0) + "]");

        reassembler.add(A);
        assertThrows(ParseException.class, () -> reassembler.add(B));
        assertFalse(reassembler.awaiting());
    }

    @Test
    void refusesTwoPlaceholdersForTheSameAttachment() throws Exception {
        start("52-[\"e\"," + ph(0) + "," + ph(0) + "]");

        reassembler.add(A);
        assertThrows(ParseException.class, () -> reassembler.add(B));
    }

    @Test
    void refusesBinaryDataWhenNothingIsPending() {
        assertFalse(reassembler.awaiting());

        assertThrows(ParseException.class, () -> reassembler.add(A));
    }

    @Test
    void refusesBinaryDataAfterThePendingPacketIsComplete() throws Exception {
        start("51-[\"e\"," + ph(0) + "]");
        reassembler.add(A);

        assertThrows(ParseException.class, () -> reassembler.add(B));
    }

    @Test
    void resetForgetsThePendingPacketAndItsAttachments() throws Exception {
        start("52-[\"old\"," + ph(0) + "," + ph(1) + "]");
        reassembler.add(A);

        reassembler.reset();

        assertFalse(reassembler.awaiting());
        assertThrows(ParseException.class, () -> reassembler.add(B));
        start("51-[\"new\"," + ph(0) + "]");
        Packet p = reassembler.add(C);
        assertEquals("new", p.data().get(0).textValue());
        assertArrayEquals(C, p.data().get(1).binaryValue());
    }

    @Test
    void startingAnotherPacketDropsAttachmentsOfTheUnfinishedOne() throws Exception {
        start("52-[\"old\"," + ph(0) + "," + ph(1) + "]");
        reassembler.add(A);

        start("51-[\"new\"," + ph(0) + "]");
        Packet p = reassembler.add(B);

        assertEquals("new", p.data().get(0).textValue());
        assertArrayEquals(B, p.data().get(1).binaryValue());
    }

    @Test
    void isUsableAgainAfterARefusedPacket() throws Exception {
        start("51-[\"bad\"," + ph(3) + "]");
        assertThrows(ParseException.class, () -> reassembler.add(A));

        start("52-[\"good\"," + ph(0) + "," + ph(1) + "]");
        assertNull(reassembler.add(B));
        Packet p = reassembler.add(C);

        assertArrayEquals(B, p.data().get(1).binaryValue());
        assertArrayEquals(C, p.data().get(2).binaryValue());
    }
}
