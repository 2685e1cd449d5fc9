package io.socketeer.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
