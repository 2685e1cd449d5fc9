package io.socketeer.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.socketeer.msgpack.MsgpackParser;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.adapter.PacketType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnTest {

    private static final String SWITCHING = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";

    private final EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
    private final EmbeddedChannel serverIn = new EmbeddedChannel(new WebSocket08FrameDecoder(
            WebSocketDecoderConfig.newBuilder().expectMaskedFrames(true).build()));

    /** The bytes a server sends for a frame (unmasked, RFC 6455 §5.1). */
    private ByteBuf serverFrame(WebSocketFrame frame) {
        assertTrue(server.writeOutbound(frame));
        CompositeByteBuf bytes = Unpooled.compositeBuffer(); // big frames come out as header + payload
        ByteBuf part;
        while ((part = server.readOutbound()) != null) {
            bytes.addComponent(true, part);
        }
        return bytes;
    }

    private ByteBuf serverText(String text) {
        return serverFrame(new TextWebSocketFrame(text));
    }

    /** @return the texts of the frames the connection wrote, decoded as a server would */
    private static List<String> sent(EmbeddedChannel client, EmbeddedChannel serverIn) {
        List<String> texts = new ArrayList<>();
        ByteBuf out;
        while ((out = client.readOutbound()) != null) {
            serverIn.writeInbound(out);
            TextWebSocketFrame f;
            while ((f = serverIn.readInbound()) != null) {
                texts.add(f.text());
                f.release();
            }
        }
        return texts;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void joinsTheMainNamespaceAfterTheOpenPacketAndCompletesOnItsAnswer() {
        Conn conn = new Conn(false);
        EmbeddedChannel client = new EmbeddedChannel(conn);
        ByteBuf first = Unpooled.wrappedBuffer(ascii(SWITCHING), serverText("0{\"sid\":\"a\",\"pingInterval\":25000}"));
        client.writeInbound(first);
        assertEquals(List.of("40"), sent(client, serverIn));
        assertFalse(conn.ready.isDone());
        client.writeInbound(serverText("40{\"sid\":\"b\"}"));
        assertTrue(conn.ready.isDone() && !conn.ready.isCompletedExceptionally());
        assertFalse(client.finish());
        assertFalse(serverIn.finish());
        assertFalse(server.finish());
    }

    @Test
    void answersPingsAndHandsMessagesSplitAnywhereToTheListener() {
        Conn conn = new Conn(false);
        EmbeddedChannel client = new EmbeddedChannel(conn);
        client.writeInbound(ascii(SWITCHING), serverText("0{}"), serverText("40{}"));
        sent(client, serverIn);
        List<String> got = new ArrayList<>();
        conn.listener((c, payload) -> got.add(payload.toString(StandardCharsets.UTF_8)));
        String big = "42[\"echo\",\"" + EchoScenario.payload(70_000) + "\"]"; // 64-bit length
        String mid = "42[\"echo\",\"" + EchoScenario.payload(1024) + "\"]";  // 16-bit length
        ByteBuf all = Unpooled.wrappedBuffer(serverText("2"), serverText(mid), serverText(big), serverText("43[1]"));
        while (all.isReadable()) { // three bytes at a time
            client.writeInbound(all.readRetainedSlice(Math.min(3, all.readableBytes())));
        }
        all.release();
        assertEquals(List.of(mid, big, "43[1]"), got);
        assertEquals(List.of("3"), sent(client, serverIn));
        assertFalse(client.finish());
        assertFalse(serverIn.finish());
        assertFalse(server.finish());
    }

    @Test
    void reassemblesFragmentedMessages() {
        Conn conn = new Conn(false);
        EmbeddedChannel client = new EmbeddedChannel(conn);
        client.writeInbound(ascii(SWITCHING), serverText("0{}"), serverText("40{}"));
        sent(client, serverIn);
        List<String> got = new ArrayList<>();
        conn.listener((c, payload) -> got.add(payload.toString(StandardCharsets.UTF_8)));
        client.writeInbound(serverFrame(new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer("42[\"fa",
                StandardCharsets.US_ASCII))), serverFrame(new ContinuationWebSocketFrame(true, 0, "n\"]")));
        assertEquals(List.of("42[\"fan\"]"), got);
        assertFalse(client.finish());
        assertFalse(server.finish());
    }

    @Test
    void probesThenUpgradesOnceThePendingPollReturned() {
        Conn conn = new Conn(true);
        EmbeddedChannel client = new EmbeddedChannel(conn);
        client.writeInbound(ascii(SWITCHING));
        assertEquals(List.of("2probe"), sent(client, serverIn));
        client.writeInbound(serverText("3probe"));
        assertEquals(List.of(), sent(client, serverIn));
        conn.pollDone();
        assertEquals(List.of("5", "42[\"echo\",\"upgraded\"]"), sent(client, serverIn));
        client.writeInbound(serverText("42[\"echo\",\"upgraded\"]"));
        assertTrue(conn.ready.isDone() && !conn.ready.isCompletedExceptionally());
        assertFalse(client.finish());
        assertFalse(serverIn.finish());
        assertFalse(server.finish());
    }

    @Test
    void failsWhenTheUpgradeIsRefused() {
        Conn conn = new Conn(false);
        EmbeddedChannel client = new EmbeddedChannel(conn);
        client.writeInbound(ascii("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"));
        assertTrue(conn.ready.isCompletedExceptionally());
        assertFalse(client.isOpen());
        assertNull(client.readOutbound());
        assertFalse(client.finish());
        assertFalse(server.finish());
    }

    private static byte[] msgpack(PacketType type, com.fasterxml.jackson.databind.JsonNode data) {
        return MsgpackParser.create().newEncoder(SocketIoOptions.builder().build()).encode(type, "/", -1, data)
                .get(0).data();
    }

    @Test
    void joinsWithABinaryConnectPacketInMessagePackAndHandsBinaryMessagesToTheListener() {
        Conn conn = new Conn(false, Codec.MSGPACK);
        EmbeddedChannel client = new EmbeddedChannel(conn);
        client.writeInbound(ascii(SWITCHING), serverText("0{\"sid\":\"a\"}"));
        ByteBuf out = client.readOutbound();
        assertTrue(serverIn.writeInbound(out));
        BinaryWebSocketFrame connect = serverIn.readInbound();
        assertArrayEquals(msgpack(PacketType.CONNECT, null), ByteBufUtil.getBytes(connect.content()));
        assertEquals(0, Codec.msgpackType(connect.content()));
        connect.release();
        assertFalse(conn.ready.isDone());
        client.writeInbound(serverFrame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(msgpack(PacketType.CONNECT,
                Codec.MAPPER.createObjectNode().put("sid", "b"))))));
        assertTrue(conn.ready.isDone() && !conn.ready.isCompletedExceptionally());
        List<byte[]> got = new ArrayList<>();
        conn.listener((c, payload) -> got.add(ByteBufUtil.getBytes(payload)));
        byte[] echo = Codec.msgpackEvent(Codec.MAPPER.createArrayNode().add("echo").add(CodecScenario.argument(32, 0)));
        client.writeInbound(serverFrame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(echo))));
        assertEquals(1, got.size());
        assertArrayEquals(echo, got.get(0));
        assertEquals(2, Codec.msgpackType(Unpooled.wrappedBuffer(echo)));
        assertFalse(client.finish());
        assertFalse(serverIn.finish());
        assertFalse(server.finish());
    }

    @Test
    void failsWhenTheServerDoesNotAcceptPermessageDeflate() {
        Conn conn = new Conn(false, Codec.DEFLATE);
        EmbeddedChannel client = new EmbeddedChannel(conn);
        client.writeInbound(ascii(SWITCHING));
        assertTrue(conn.ready.isCompletedExceptionally());
        assertFalse(client.isOpen());
        assertFalse(client.finish());
    }

    @Test
    void failsOnRsv1WithoutPermessageDeflate() {
        Conn conn = new Conn(false);
        EmbeddedChannel client = new EmbeddedChannel(conn);
        byte[] frame = {(byte) 0xc1, 0x01, 'x'};
        client.writeInbound(ascii(SWITCHING), Unpooled.wrappedBuffer(frame));
        assertTrue(conn.ready.isCompletedExceptionally());
        assertFalse(client.isOpen());
        assertFalse(client.finish());
        assertFalse(server.finish());
    }

    @Test
    void inflatesWhatTheServerCompressesWithContextTakeoverAndCountsTheBytes() {
        HashMap<String, String> offer = new HashMap<>();
        var deflate = new PerMessageDeflateServerExtensionHandshaker()
                .handshakeExtension(new WebSocketExtensionData("permessage-deflate", offer));
        EmbeddedChannel compressing = new EmbeddedChannel(new WebSocket08FrameEncoder(false),
                deflate.newExtensionEncoder());
        EmbeddedChannel decompressing = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig
                .newBuilder().expectMaskedFrames(true).allowExtensions(true).build()), deflate.newExtensionDecoder());
        Conn conn = new Conn(false, Codec.DEFLATE);
        EmbeddedChannel client = new EmbeddedChannel(conn);
        long[] in = {0};
        java.util.function.Function<String, ByteBuf> compressed = text -> {
            assertTrue(compressing.writeOutbound(new TextWebSocketFrame(text)));
            CompositeByteBuf bytes = Unpooled.compositeBuffer();
            ByteBuf part;
            while ((part = compressing.readOutbound()) != null) {
                bytes.addComponent(true, part);
            }
            assertEquals(0x40, bytes.getByte(0) & 0x40, "RSV1");
            in[0] += bytes.readableBytes();
            return bytes;
        };
        String accept = SWITCHING.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");
        in[0] += accept.length();
        client.writeInbound(ascii(accept), compressed.apply("0{\"sid\":\"a\",\"pingInterval\":25000}"));
        assertEquals(List.of("40"), sent(client, decompressing));
        client.writeInbound(compressed.apply("40{\"sid\":\"b\"}"));
        assertTrue(conn.ready.isDone() && !conn.ready.isCompletedExceptionally());
        List<String> got = new ArrayList<>();
        conn.listener((c, payload) -> got.add(payload.toString(StandardCharsets.UTF_8)));
        String echo = Codec.jsonEvent(Codec.MAPPER.createArrayNode().add("echo")
                .add(CodecScenario.argument(1024, 3)));
        String big = "42[\"echo\",\"" + EchoScenario.payload(10_000) + "\"]"; // inflates beyond the first buffer
        ByteBuf all = Unpooled.wrappedBuffer(compressed.apply(echo), compressed.apply("2"), compressed.apply(echo),
                compressed.apply(big), compressed.apply(echo));
        while (all.isReadable()) { // five bytes at a time
            client.writeInbound(all.readRetainedSlice(Math.min(5, all.readableBytes())));
        }
        all.release();
        assertEquals(List.of(echo, echo, big, echo), got);
        assertEquals(List.of("3"), sent(client, decompressing));
        // the server's later copies refer back to the first: they are much smaller
        assertTrue(in[0] < accept.length() + 2 * echo.length(), "compressed with context: " + in[0]);
        assertEquals(in[0], conn.bytesRead);
        assertEquals(2 + 4 + 2 + 2 + 4 + 1, conn.bytesWritten, "the frames of 40 and 3");
        client.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(new byte[] {(byte) 0x88, 0}, 2)));
        assertFalse(client.isOpen());
        assertFalse(client.finish());
        assertFalse(compressing.finish());
        assertFalse(decompressing.finish());
    }
}
