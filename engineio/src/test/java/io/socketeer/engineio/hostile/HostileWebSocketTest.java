package io.socketeer.engineio.hostile;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.RecordingListener;
import io.socketeer.engineio.testing.WsConn;
import io.socketeer.engineio.testing.WsFrame;
import io.socketeer.engineio.testing.WsFrame.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSocket frames real servers get wrong: a length of 2^60 (refused from its header, with nothing
 * allocated for it), and invalid UTF-8 in the shapes the simple case does not show (split across
 * fragments, an encoded surrogate, an overlong encoding).
 */
class HostileWebSocketTest {

    private static final String V4 = "/engine.io/?EIO=4&transport=websocket";

    private final RecordingListener listener = RecordingListener.echoing();
    private final List<WsConn> conns = new ArrayList<>();

    @AfterEach
    void finishConnections() {
        for (WsConn c : conns) {
            assertFalse(c.finish(), "unread frames");
        }
    }

    private WsConn open() {
        WsConn ws = WsConn.upgrade(EngineIoServer.create(EngineIoOptions.defaults(), listener), V4);
        conns.add(ws);
        assertEquals(Kind.TEXT, ws.frame().kind(), "open packet");
        return ws;
    }

    /** Hands out plain heap buffers and remembers the largest anyone asked it for. */
    private static final class MeasuringAllocator extends AbstractByteBufAllocator {
        int largest;

        MeasuringAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            largest = Math.max(largest, initialCapacity);
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            largest = Math.max(largest, initialCapacity);
            return new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    @Test
    void aFrameDeclaring2To60BytesIsClosedWith1009FromItsHeaderAlone() {
        WsConn ws = open();
        MeasuringAllocator alloc = new MeasuringAllocator();
        ByteBufAllocator before = ws.channel().config().getAllocator();
        ws.channel().config().setAllocator(alloc);
        // FIN + text, masked, 64-bit length 2^60, masking key, then only a few payload bytes
        byte[] header = {(byte) 0x81, (byte) 0xFF, 0x10, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, '4' ^ 1, 'x' ^ 2};
        ws.channel().writeInbound(Unpooled.wrappedBuffer(header));
        ws.channel().config().setAllocator(before);

        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(1009, f.closeStatus());
        assertFalse(ws.isOpen());
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertTrue(listener.messages().isEmpty());
        assertTrue(alloc.largest < 64 * 1024, () -> "allocated " + alloc.largest + " bytes for the frame");
    }

    @Test
    void aFrameLongerThanMaxPayloadIsRefusedBeforeItsPayloadArrives() {
        WsConn ws = open();
        // a binary frame declaring 2^31 - 1 bytes, above the default maxPayload of 1 MB
        byte[] header = {(byte) 0x82, (byte) 0xFF, 0, 0, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};
        ws.channel().writeInbound(Unpooled.wrappedBuffer(header));
        WsFrame f = ws.frame();
        assertEquals(1009, f.closeStatus());
        assertFalse(ws.isOpen());
    }

    @Test
    void invalidUtf8SplitAcrossFragmentsClosesWith1007() {
        WsConn ws = open();
        // "4€" with the euro sign (E2 82 AC) cut after two bytes, continued by a byte that is not a continuation
        ws.send(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {'4', (byte) 0xE2, (byte) 0x82})));
        ws.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {'A'})));
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(1007, f.closeStatus());
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void anEncodedSurrogateClosesWith1007() {
        WsConn ws = open();
        ws.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'4', (byte) 0xED, (byte) 0xA0, (byte) 0x80})));
        assertEquals(1007, ws.frame().closeStatus());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void anOverlongEncodingClosesWith1007() {
        WsConn ws = open();
        // '/' encoded on two bytes (C0 AF), the classic path-traversal trick
        ws.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'4', (byte) 0xC0, (byte) 0xAF})));
        assertEquals(1007, ws.frame().closeStatus());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void aTextFrameEndingInsideACharacterClosesWith1007() {
        WsConn ws = open();
        ws.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'4', 'a', (byte) 0xF0, (byte) 0x9F})));
        assertEquals(1007, ws.frame().closeStatus());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void aFragmentedMessageGrowingPastMaxPayloadIsClosedWith1009() {
        WsConn ws = WsConn.upgrade(EngineIoServer.create(EngineIoOptions.builder().maxPayload(100).build(), listener),
                V4, 13);
        conns.add(ws);
        assertEquals(Kind.TEXT, ws.frame().kind(), "open packet");
        ws.send(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[60])));
        ws.send(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[60])));
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(1009, f.closeStatus());
        assertFalse(ws.isOpen());
        assertTrue(listener.messages().isEmpty());
    }

    private WsConn openDeflate() {
        WsConn ws = WsConn.upgrade(EngineIoServer.create(EngineIoOptions.builder().perMessageDeflate(true).build(),
                listener), V4, "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n");
        conns.add(ws);
        assertTrue(ws.header("sec-websocket-extensions").contains("permessage-deflate"));
        assertEquals(Kind.TEXT, ws.frame().kind(), "open packet");
        return ws;
    }

    @Test
    void compressedDataThatDoesNotInflateIsClosedWith1007() {
        WsConn ws = openDeflate();
        ws.send(new TextWebSocketFrame(true, 4, Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2})));
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(1007, f.closeStatus());
        assertFalse(ws.isOpen());
        ws.runTasks();
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
    }

    @Test
    void compressedDataThatInflatesToNothingIsClosedWith1007() {
        WsConn ws = openDeflate();
        // a final, empty block with fixed codes: valid deflate, but not even the packet type comes out
        ws.send(new TextWebSocketFrame(true, 4, Unpooled.wrappedBuffer(new byte[] {3, 0})));
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(1007, f.closeStatus());
        assertFalse(ws.isOpen());
    }
}
