package io.socketeer.engineio.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.socketeer.engineio.EngineIoMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Protocol v4 polling payloads on bytes (protocol v4 §"HTTP long-polling", conformance §4.4): packets joined
 * by 0x1e, binary as {@code b} plus standard padded base64.
 */
class PayloadV4Test {

    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

    /** Payloads whose decoding and encoding are exact inverses. */
    static Stream<Arguments> table() {
        return Stream.of(
                arguments("4hello", List.of(EngineIoMessage.text("hello"))),
                arguments("4hello\u001e4world", List.of(EngineIoMessage.text("hello"), EngineIoMessage.text("world"))),
                arguments("4test1\u001e4test2\u001e4test3", List.of(EngineIoMessage.text("test1"),
                        EngineIoMessage.text("test2"), EngineIoMessage.text("test3"))),
                arguments("bAQIDBA==", List.of(EngineIoMessage.binary(new byte[] {1, 2, 3, 4}))),
                arguments("4hello\u001ebAQIDBA==", List.of(EngineIoMessage.text("hello"),
                        EngineIoMessage.binary(new byte[] {1, 2, 3, 4}))),
                arguments("bAQID\u001e4x", List.of(EngineIoMessage.binary(new byte[] {1, 2, 3}),
                        EngineIoMessage.text("x"))),
                arguments("4", List.of(EngineIoMessage.text(""))),
                arguments("b", List.of(EngineIoMessage.binary(new byte[0]))),
                arguments("4é€😀", List.of(EngineIoMessage.text("é€😀"))),
                arguments("2", List.of(Packets.PING)),
                arguments("3probe", List.of(Packets.PONG_PROBE)),
                arguments("1\u001e6", List.of(Packets.CLOSE, Packets.NOOP)),
                arguments("4a:b\u001e5", List.of(EngineIoMessage.text("a:b"), Packets.control(PacketType.UPGRADE, ""))));
    }

    @ParameterizedTest
    @MethodSource("table")
    void encodesPacketsToTheExactPayloadBytes(String payload, List<EngineIoMessage> packets) {
        ByteBuf out = PayloadV4.encode(packets, ALLOC);
        try {
            assertEquals(payload, out.toString(StandardCharsets.UTF_8));
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @MethodSource("table")
    void decodesThePayloadBytesToTheSamePackets(String payload, List<EngineIoMessage> packets) throws Exception {
        ByteBuf in = utf8(payload);
        try {
            assertEquals(packets, PayloadV4.decode(in));
        } finally {
            in.release();
        }
    }

    @Test
    void decodedTextKeepsItsTypeAndUtf8Data() throws Exception {
        ByteBuf in = utf8("4héllo 😀");
        try {
            EngineIoMessage m = PayloadV4.decode(in).get(0);
            assertEquals(false, m.isBinary());
            assertEquals(PacketType.MESSAGE, Packets.type(m));
            assertEquals("héllo 😀", m.text());
            assertEquals("héllo 😀".getBytes(StandardCharsets.UTF_8).length, m.size());
        } finally {
            in.release();
        }
    }

    @Test
    void decodedBinaryCarriesTheRawBytes() throws Exception {
        ByteBuf in = utf8("b/w==");
        try {
            EngineIoMessage m = PayloadV4.decode(in).get(0);
            assertEquals(true, m.isBinary());
            assertArrayEquals(new byte[] {(byte) 0xFF}, m.data());
        } finally {
            in.release();
        }
    }

    @Test
    void decodingLeavesTheBufferUntouched() throws Exception {
        ByteBuf in = utf8("4a\u001e4b");
        try {
            PayloadV4.decode(in);
            assertEquals(0, in.readerIndex());
            assertEquals(5, in.readableBytes());
            assertEquals(1, in.refCnt());
        } finally {
            in.release();
        }
    }

    @Test
    void decodesOnlyTheReadableBytes() throws Exception {
        ByteBuf in = utf8("xx4hi\u001e4yo");
        try {
            in.skipBytes(2);
            assertEquals(List.of(EngineIoMessage.text("hi"), EngineIoMessage.text("yo")), PayloadV4.decode(in));
        } finally {
            in.release();
        }
    }

    @Test
    void encodesBinaryWithStandardPaddedBase64NotTheUrlAlphabet() {
        ByteBuf out = PayloadV4.encode(List.of(EngineIoMessage.binary(new byte[] {(byte) 0xFB, (byte) 0xFF})), ALLOC);
        try {
            assertEquals("b+/8=", out.toString(StandardCharsets.US_ASCII));
        } finally {
            out.release();
        }
    }

    @Test
    void encodesALargePayloadWithoutLosingBytes() {
        byte[] data = new byte[70_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        ByteBuf out = PayloadV4.encode(List.of(EngineIoMessage.text("x".repeat(1000)),
                EngineIoMessage.binary(data)), ALLOC);
        try {
            List<EngineIoMessage> back = PayloadV4.decode(out);
            assertEquals("x".repeat(1000), back.get(0).text());
            assertArrayEquals(data, back.get(1).data());
        } catch (ParseException e) {
            throw new AssertionError(e);
        } finally {
            out.release();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "\u001e4a",        // empty first packet
        "4a\u001e\u001e4b", // empty packet in the middle
        "4a\u001e",        // empty last packet
        "\u001e",          // nothing but a separator
        "abc",             // 'a' is no packet type
        "7",               // one past the last type digit
        "/",               // one before '0'
        "4a\u001ex",       // a bad second packet spoils the payload
        "b!!!!",           // not base64
        "bA",              // a lone base64 character holds no whole byte
        "bAQID\nBA==",     // line breaks are not part of base64
        "b-_8=",           // the URL-safe alphabet is not accepted
        "bAQ=D",           // data after padding
    })
    void refusesMalformedPayloads(String payload) {
        ByteBuf in = utf8(payload);
        try {
            assertThrows(ParseException.class, () -> PayloadV4.decode(in));
        } finally {
            in.release();
        }
    }

    @Test
    void refusesAnEmptyPayload() {
        assertThrows(ParseException.class, () -> PayloadV4.decode(Unpooled.EMPTY_BUFFER));
    }

    @Test
    void refusesAPacketStartingWithANonAsciiByte() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {(byte) 0xC3, (byte) 0xA9});
        try {
            assertThrows(ParseException.class, () -> PayloadV4.decode(in));
        } finally {
            in.release();
        }
    }

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
