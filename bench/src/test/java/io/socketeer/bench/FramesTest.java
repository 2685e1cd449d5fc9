package io.socketeer.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramesTest {

    /** Netty's server-side decoder, which insists on masked frames as RFC 6455 §5.1 does. */
    private static String decodeAsServer(ByteBuf frame) {
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).maxFramePayloadLength(1 << 20).build()));
        assertTrue(server.writeInbound(frame));
        TextWebSocketFrame text = server.readInbound();
        try {
            assertTrue(text.isFinalFragment());
            return text.text();
        } finally {
            text.release();
            assertFalse(server.finish());
        }
    }

    @Test
    void encodesTheRfcSampleHeaderWithTheMaskAndMaskedPayload() {
        byte[] frame = Frames.encode(0x1, "Hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(2 + 4 + 5, frame.length);
        assertEquals((byte) 0x81, frame[0]);
        assertEquals((byte) (0x80 | 5), frame[1]);
        assertArrayEquals(Frames.MASK, java.util.Arrays.copyOfRange(frame, 2, 6));
        assertEquals((byte) ('H' ^ Frames.MASK[0]), frame[6]);
        assertEquals((byte) ('o' ^ Frames.MASK[0]), frame[10]);
    }

    @Test
    void framesOfEverySizeClassDecodeWithNettysServerDecoder() {
        for (int size : new int[] {0, 1, 125, 126, 1024, 65535, 65536, 200_000}) {
            String text = EchoScenario.payload(size);
            byte[] frame = Frames.encode(0x1, text.getBytes(StandardCharsets.US_ASCII));
            assertEquals(text, decodeAsServer(Unpooled.wrappedBuffer(frame)), "size " + size);
        }
    }

    @Test
    void aPreEncodedFrameIsWrittenManyTimesUnchanged() {
        ByteBuf frame = Frames.text(Frames.event(7, "echoack", "abc"));
        for (int i = 0; i < 3; i++) {
            assertEquals("427[\"echoack\",\"abc\"]", decodeAsServer(frame.retainedDuplicate()));
        }
        assertEquals(0, frame.readerIndex());
    }

    @Test
    void eventsAreSocketIoMessagePacketsWithOptionalAckIds() {
        assertEquals("42[\"echo\",\"x\"]", Frames.event(-1, "echo", "x"));
        assertEquals("4263[\"echoack\",\"x\"]", Frames.event(63, "echoack", "x"));
    }

    @Test
    void theUpgradeRequestAsksForWebSocket13OnTheSocketIoPath() {
        ByteBuf request = Frames.upgradeRequest(24000, "EIO=4&transport=websocket");
        String text = request.toString(StandardCharsets.US_ASCII);
        request.release();
        assertTrue(text.startsWith("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"), text);
        assertTrue(text.contains("\r\nHost: 127.0.0.1:24000\r\n"), text);
        assertTrue(text.contains("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"), text);
        assertTrue(text.contains("\r\nSec-WebSocket-Version: 13\r\n"), text);
        assertTrue(text.endsWith("\r\n\r\n"), text);
    }

    @Test
    void binaryFramesAreMaskedAndDecodeAsBinary() {
        byte[] payload = {(byte) 0x83, (byte) 0xa4, 't', 'y', 'p', 'e', 0x02, 0x00, (byte) 0xff};
        ByteBuf frame = Frames.binary(payload);
        assertEquals((byte) 0x82, frame.getByte(0));
        assertEquals((byte) (0x80 | payload.length), frame.getByte(1));
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).build()));
        for (int i = 0; i < 2; i++) {
            assertTrue(server.writeInbound(frame.retainedDuplicate()));
            BinaryWebSocketFrame f = server.readInbound();
            assertArrayEquals(payload, ByteBufUtil.getBytes(f.content()));
            f.release();
        }
        assertFalse(server.finish());
    }

    @Test
    void deflatedFramesSetRsv1AreMaskedAndInflateWithNettysServerDecoderAgainAndAgain() {
        Map<String, String> offer = new HashMap<>();
        WebSocketServerExtension deflate = new PerMessageDeflateServerExtensionHandshaker()
                .handshakeExtension(new WebSocketExtensionData("permessage-deflate", offer));
        assertNotNull(deflate, "the offer is accepted");
        // the server keeps its inflater from message to message (it does not promise otherwise)
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).allowExtensions(true).build()), deflate.newExtensionDecoder());
        for (int size : new int[] {32, 1024, 70_000}) {
            String text = Codec.jsonEvent(Codec.MAPPER.createArrayNode().add("echo")
                    .add(CodecScenario.argument(Math.max(size, 24), size)));
            ByteBuf frame = Frames.deflatedText(text);
            assertEquals((byte) 0xc1, frame.getByte(0), "FIN, RSV1, text");
            assertTrue((frame.getByte(1) & 0x80) != 0, "masked");
            byte[] compressed = Frames.deflate(text.getBytes(StandardCharsets.UTF_8));
            assertTrue(size < 1024 || compressed.length < text.length() / 2, "compressed");
            assertEquals(frame.readableBytes(), 2 + (compressed.length < 126 ? 0 : compressed.length < 65536 ? 2 : 8)
                    + 4 + compressed.length);
            for (int i = 0; i < 3; i++) {
                assertTrue(server.writeInbound(frame.retainedDuplicate()));
                TextWebSocketFrame f = server.readInbound();
                assertEquals(text, f.text(), "size " + size + ", time " + i);
                assertEquals(0, f.rsv(), "inflated");
                f.release();
            }
        }
        assertFalse(server.finish());
    }

    @Test
    void theDeflateOfferGoesInTheUpgradeRequest() {
        ByteBuf request = Frames.upgradeRequest(24000, "EIO=4&transport=websocket", Frames.PERMESSAGE_DEFLATE);
        String text = request.toString(StandardCharsets.US_ASCII);
        request.release();
        assertTrue(text.contains("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n"),
                text);
        assertTrue(text.endsWith("\r\n\r\n"), text);
    }
}
