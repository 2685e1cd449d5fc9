package io.socketeer.engineio.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.socketeer.engineio.EngineIoMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The frames the transport writes itself decode, with a client's decoder, to exactly the frames Netty's
 * encoder would have written: text and binary (v3 with its type byte), every length encoding, written once
 * or shared across many connections (a broadcast), small (direct) or large (heap).
 */
class WebSocketTransportTest {

    /** Decodes what the server wrote as a client would (unmasked frames expected). */
    private static List<WebSocketFrame> writeAndDecode(EngineIoMessage message, int protocol, int connections) {
        List<WebSocketFrame> frames = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            EmbeddedChannel server = new EmbeddedChannel();
            new WebSocketTransport(server, protocol, true).write(List.of(message));
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
            for (Object out; (out = server.readOutbound()) != null; ) {
                client.writeInbound((ByteBuf) out);
            }
            for (Object in; (in = client.readInbound()) != null; ) {
                frames.add((WebSocketFrame) in);
            }
            assertFalse(server.finish());
            assertFalse(client.finish());
        }
        return frames;
    }

    private static byte[] contentAndRelease(WebSocketFrame frame) {
        try {
            return ByteBufUtil.getBytes(frame.content());
        } finally {
            frame.release();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 124, 125, 126, 65_534, 65_535, 65_536, 200_000})
    void aTextMessageOfAnyLengthIsOneTextFrameWrittenOnceOrToManyConnections(int length) {
        String text = "x".repeat(length);
        EngineIoMessage message = EngineIoMessage.text(text);
        List<WebSocketFrame> frames = writeAndDecode(message, 4, 5);
        assertEquals(5, frames.size());
        for (WebSocketFrame f : frames) {
            assertInstanceOf(TextWebSocketFrame.class, f);
            assertEquals("4" + text, new String(contentAndRelease(f), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aBinaryMessageIsABinaryFrameOfItsBytesInV4AndTypeByteThenBytesInV3() {
        byte[] data = {0, 1, 2, (byte) 0xff};
        for (WebSocketFrame f : writeAndDecode(EngineIoMessage.binary(data), 4, 3)) {
            assertInstanceOf(BinaryWebSocketFrame.class, f);
            assertArrayEquals(data, contentAndRelease(f));
        }
        for (WebSocketFrame f : writeAndDecode(EngineIoMessage.binary(data), 3, 3)) {
            assertInstanceOf(BinaryWebSocketFrame.class, f);
            assertArrayEquals(new byte[] {4, 0, 1, 2, (byte) 0xff}, contentAndRelease(f));
        }
    }

    @Test
    void withAnExtensionPossibleTheTransportHandsNettyFramesToEncode() {
        EmbeddedChannel server = new EmbeddedChannel();
        new WebSocketTransport(server, 4, false).write(List.of(EngineIoMessage.text("hi")));
        TextWebSocketFrame frame = server.readOutbound();
        assertEquals("4hi", frame.text());
        frame.release();
        assertFalse(server.finish());
    }
}
