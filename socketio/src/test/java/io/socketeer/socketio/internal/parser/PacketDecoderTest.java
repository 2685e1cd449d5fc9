package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.socketio.adapter.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.socketeer.socketio.adapter.PacketType.ACK;
import static io.socketeer.socketio.adapter.PacketType.BINARY_ACK;
import static io.socketeer.socketio.adapter.PacketType.BINARY_EVENT;
import static io.socketeer.socketio.adapter.PacketType.CONNECT;
import static io.socketeer.socketio.adapter.PacketType.DISCONNECT;
import static io.socketeer.socketio.adapter.PacketType.EVENT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text form of Socket.IO packets (protocol v5 §"Packet encoding", v4 for socket.io-client 2.x), as a
 * table of spec strings and the fields they decode to, plus inputs that must be refused.
 */
class PacketDecoderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ATTACHMENTS = 10;

    private final PacketDecoder v5 = new PacketDecoder(MAPPER, MAX_ATTACHMENTS, false);
    private final PacketDecoder v4 = new PacketDecoder(MAPPER, MAX_ATTACHMENTS, true);

    /** input, type, namespace, ack id (-1 for none), JSON data (null for none), attachment count. */
    static Stream<Arguments> v5Packets() {
        return Stream.of(
                row("0", CONNECT, "/", -1, null, 0),
                row("0{\"token\":\"123\"}", CONNECT, "/", -1, "{\"token\":\"123\"}", 0),
                row("0/admin,", CONNECT, "/admin", -1, null, 0),
                row("0/admin,{\"token\":\"x\"}", CONNECT, "/admin", -1, "{\"token\":\"x\"}", 0),
                row("0/custom", CONNECT, "/custom", -1, null, 0),
                row("1", DISCONNECT, "/", -1, null, 0),
                row("1/admin,", DISCONNECT, "/admin", -1, null, 0),
                row("1/custom", DISCONNECT, "/custom", -1, null, 0),
                row("2[\"hello\",1]", EVENT, "/", -1, "[\"hello\",1]", 0),
                row("2/admin,[\"bar\"]", EVENT, "/admin", -1, "[\"bar\"]", 0),
                row("212[\"foo\"]", EVENT, "/", 12, "[\"foo\"]", 0),
                row("2/admin,456[\"project:delete\",123]", EVENT, "/admin", 456, "[\"project:delete\",123]", 0),
                row("2[42,\"answer\"]", EVENT, "/", -1, "[42,\"answer\"]", 0),
                row("27[1.5]", EVENT, "/", 7, "[1.5]", 0),
                row("2[\"nested\",{\"a\":[true,null,{\"b\":\"c\"}]}]", EVENT, "/", -1,
                        "[\"nested\",{\"a\":[true,null,{\"b\":\"c\"}]}]", 0),
                row("3/admin,456[]", ACK, "/admin", 456, "[]", 0),
                row("30[null]", ACK, "/", 0, "[null]", 0),
                row("3/admin,13[\"bar\"]", ACK, "/admin", 13, "[\"bar\"]", 0),
                row("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]", BINARY_EVENT, "/", -1,
                        "[\"hello\",{\"_placeholder\":true,\"num\":0}]", 1),
                row("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                        BINARY_EVENT, "/admin", -1,
                        "[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", 2),
                row("52-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                        BINARY_EVENT, "/", 789,
                        "[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", 2),
                row("61-/admin,456[{\"_placeholder\":true,\"num\":0}]", BINARY_ACK, "/admin", 456,
                        "[{\"_placeholder\":true,\"num\":0}]", 1),
                row("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", BINARY_ACK, "/", 15,
                        "[\"bar\",{\"_placeholder\":true,\"num\":0}]", 1),
                row("2[\"tèst — てすと\"]", EVENT, "/", -1, "[\"tèst — てすと\"]", 0));
    }

    private static Arguments row(String in, PacketType type, String nsp, long id, String json, int attachments) {
        return Arguments.of(in, type, nsp, id, json, attachments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v5Packets")
    void decodesEachSpecPacketIntoItsFields(String in, PacketType type, String nsp, long id, String json,
                                            int attachments) throws Exception {
        PacketDecoder.Decoded d = v5.decode(in);
        Packet p = d.packet();
        JsonNode expected = json == null ? null : MAPPER.readTree(json);
        assertAll(
                () -> assertEquals(type, p.type(), "type"),
                () -> assertEquals(nsp, p.namespace(), "namespace"),
                () -> assertEquals(id, p.id(), "ack id"),
                () -> assertEquals(id >= 0, p.hasId(), "hasId"),
                () -> assertEquals(expected, p.data(), "data"),
                () -> assertNull(p.query(), "query"),
                () -> assertEquals(attachments, d.attachments(), "attachments"));
    }

    @Test
    void keepsIntegersAsIntegersAndKeyOrderOfThePayload() throws Exception {
        Packet p = v5.decode("2[\"e\",{\"z\":1,\"a\":2,\"m\":12345678901}]").packet();

        JsonNode obj = p.data().get(1);
        assertTrue(obj.get("z").isInt());
        assertTrue(obj.get("m").isLong());
        List<String> keys = new ArrayList<>();
        obj.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("z", "a", "m"), keys);
    }

    @Test
    void acceptsAnAckIdOfFifteenDigits() throws Exception {
        Packet p = v5.decode("2999999999999999[\"a\"]").packet();

        assertEquals(999_999_999_999_999L, p.id());
    }

    @Test
    void acceptsExactlyTheMaximumNumberOfAttachments() throws Exception {
        assertEquals(MAX_ATTACHMENTS, v5.decode("510-[\"a\"]").attachments());
    }

    @Test
    void doesNotSplitAQueryOffTheNamespaceInV5() throws Exception {
        Packet p = v5.decode("0/nsp?token=abc").packet();

        assertEquals("/nsp?token=abc", p.namespace());
        assertNull(p.query());
    }

    // ------------------------------------------------------------ v4 (socket.io-client 2.x)

    @Test
    void takesTheQueryStringOfAV4ConnectApartFromTheNamespace() throws Exception {
        Packet p = v4.decode("0/nsp?token=abc&x=1").packet();

        assertEquals(CONNECT, p.type());
        assertEquals("/nsp", p.namespace());
        assertEquals("token=abc&x=1", p.query());
        assertNull(p.data());
    }

    @Test
    void takesTheQueryStringOfAV4ConnectThatEndsWithAComma() throws Exception {
        Packet p = v4.decode("0/nsp?a=1,").packet();

        assertEquals("/nsp", p.namespace());
        assertEquals("a=1", p.query());
    }

    @Test
    void decodesAV4ConnectWithoutQuery() throws Exception {
        Packet root = v4.decode("0").packet();
        Packet nsp = v4.decode("0/nsp,").packet();

        assertEquals("/", root.namespace());
        assertNull(root.query());
        assertEquals("/nsp", nsp.namespace());
        assertNull(nsp.query());
    }

    @Test
    void decodesV4EventsAndBinaryAcksLikeV5() throws Exception {
        Packet event = v4.decode("2/nsp,3[\"a\",1]").packet();
        PacketDecoder.Decoded ack = v4.decode("61-/nsp,4[{\"_placeholder\":true,\"num\":0}]");

        assertEquals(EVENT, event.type());
        assertEquals("/nsp", event.namespace());
        assertEquals(3, event.id());
        assertEquals(BINARY_ACK, ack.packet().type());
        assertEquals(1, ack.attachments());
    }

    @Test
    void refusesAJsonPayloadOnAV4Connect() {
        assertThrows(ParseException.class, () -> v4.decode("0{\"token\":\"1\"}"));
    }

    // ------------------------------------------------------------ malformed

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "",                                   // empty
            "9",                                  // unknown type
            "7[\"a\"]",                           // unknown type
            "abc",                                // not a type digit
            "/",                                  // not a type digit
            "2{}",                                // event payload is an object
            "2\"hello\"",                         // event payload is a string
            "2",                                  // event without payload
            "2/admin,",                           // event without payload
            "2[]",                                // event with an empty array
            "2[null]",                            // event name is null
            "2[true]",                            // event name is a boolean
            "2[[\"a\"]]",                         // event name is an array
            "2[{\"a\":1}]",                       // event name is an object
            "2abc[\"x\"]",                        // garbage before the JSON
            "242abc[\"x\"]",                      // ack id 42 then garbage
            "2[\"a\"]x",                          // trailing garbage
            "2[\"a\"][\"b\"]",                    // two JSON values
            "2[\"a\"",                            // unterminated JSON
            "2admin,[\"a\"]",                     // namespace without its slash
            "5",                                  // binary event without count
            "5-[\"a\"]",                          // binary event without count
            "51[\"a\"]",                          // count without '-'
            "5x-[\"a\"]",                         // count not a number
            "50-[\"a\",{\"_placeholder\":true,\"num\":0}]", // zero attachments
            "511-[\"a\"]",                        // more than maxAttachments
            "599999999-[\"a\"]",                  // count far too long
            "51-",                                // binary event without payload
            "51-{\"a\":1}",                       // binary event with an object
            "3[1]",                               // ack without id
            "3",                                  // ack without id or payload
            "31",                                 // ack without payload
            "31{\"a\":1}",                        // ack with an object
            "31\"a\"",                            // ack with a string
            "3/admin,1null",                      // ack with null
            "61-[{\"_placeholder\":true,\"num\":0}]", // binary ack without id
            "61-1{\"a\":1}",                      // binary ack with an object
            "1{\"a\":1}",                         // disconnect with a payload
            "1/admin,[]",                         // disconnect with a payload
            "1/admin,\"bye\"",                    // disconnect with a payload
            "0[\"a\"]",                           // connect with an array
            "0/admin,[]",                         // connect with an array
            "0\"token\"",                         // connect with a string
            "0null",                              // connect with null
            "0 ",                                 // connect with nothing but blank
            "4{\"message\":\"x\"}",               // connect error from a client
            "4",                                  // connect error from a client
            "4/admin,{\"message\":\"x\"}",        // connect error from a client
            "2[\"a\",]",                          // invalid JSON
            "2['a']",                             // invalid JSON
            "21234567890123456[\"a\"]",           // ack id of 17 digits
            "29999999999999999[\"a\"]",           // ack id of 16 digits
            "3/admin,99999999999999999999[]",     // ack id that overflows a long
    })
    void refusesMalformedPackets(String in) {
        assertThrows(ParseException.class, () -> v5.decode(in));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"connect", "connect_error", "disconnect", "disconnecting", "newListener",
            "removeListener"})
    void refusesEveryReservedEventName(String name) {
        assertTrue(PacketDecoder.RESERVED_EVENTS.contains(name));
        assertTrue(PacketDecoder.isReserved(name));
        assertThrows(ParseException.class, () -> v5.decode("2[\"" + name + "\"]"));
        assertThrows(ParseException.class, () -> v5.decode("2/admin,5[\"" + name + "\",1]"));
        assertThrows(ParseException.class,
                () -> v5.decode("51-[\"" + name + "\",{\"_placeholder\":true,\"num\":0}]"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x", "connectx", "Connect", "disconnected", "newlistener", "connect_errors", "message",
        "removeListeners", "connect-error"})
    void namesNearTheReservedOnesAreNotReserved(String name) {
        assertFalse(PacketDecoder.isReserved(name));
    }

    @Test
    void treatsReservedNamesCaseSensitively() throws Exception {
        assertEquals("Connect", v5.decode("2[\"Connect\"]").packet().data().get(0).textValue());
    }

    @Test
    void refusesJsonNestedFiveThousandLevelsDeepWithoutOverflowingTheStack() {
        int depth = 5000;
        String arrays = "2[\"deep\"," + "[".repeat(depth) + "]".repeat(depth) + "]";
        String objects = "0{\"a\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";

        assertThrows(ParseException.class, () -> v5.decode(arrays));
        assertThrows(ParseException.class, () -> v5.decode(objects));
    }

    @Test
    void acceptsModeratelyNestedJson() throws Exception {
        int depth = 100;
        String arrays = "2[\"deep\"," + "[".repeat(depth) + "]".repeat(depth) + "]";

        assertEquals(2, v5.decode(arrays).packet().data().size());
    }

    @Test
    void parseExceptionsCarryAMessageButNoStackTrace() {
        ParseException e = assertThrows(ParseException.class, () -> v5.decode("9"));

        assertFalse(e.getMessage().isEmpty());
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void decoderHoldsNoStateBetweenPackets() throws Exception {
        assertThrows(ParseException.class, () -> v5.decode("2[\"a\"]x"));
        Packet p = v5.decode("2[\"a\"]").packet();

        assertEquals(MAPPER.readTree("[\"a\"]"), p.data());
    }

    @Test
    void doesNotDependOnAnyMapperFeatureForTrailingTokens() throws JsonProcessingException {
        // A plain mapper accepts "[1] x" as [1]; the decoder must not.
        assertEquals(MAPPER.readTree("[1]"), MAPPER.readTree("[1] x"));
        assertThrows(ParseException.class, () -> v5.decode("3/a,1[1] x"));
    }
}
