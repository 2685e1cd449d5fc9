package io.socketeer.engineio.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.RecordingListener;
import io.socketeer.engineio.testing.WsConn;
import io.socketeer.engineio.testing.WsFrame;
import io.socketeer.engineio.testing.WsFrame.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frame reader of a connection without extensions (RFC 6455 §5), fed raw bytes: what a client may send
 * is read however the bytes are cut, what it may not is refused with the reference's close codes, and the
 * connection keeps no HTTP or frame codec once switched.
 */
class WebSocketBytesHandlerTest {

    private static final String V4 = "/engine.io/?EIO=4&transport=websocket";
    private static final byte[] MASK = {0x37, (byte) 0xFA, 0x21, 0x3D};

    private final RecordingListener listener = RecordingListener.echoing();
    private final List<WsConn> conns = new ArrayList<>();

    @AfterEach
    void finishConnections() {
        for (WsConn c : conns) {
            assertFalse(c.finish(), "unread output");
        }
    }

    private WsConn open(EngineIoOptions options) {
        WsConn ws = WsConn.upgrade(EngineIoServer.create(options, listener), V4);
        conns.add(ws);
        assertEquals(Kind.TEXT, ws.frame().kind(), "open packet");
        return ws;
    }

    private WsConn open() {
        return open(EngineIoOptions.defaults());
    }

    /** A client frame: the first byte as given, the payload masked with {@link #MASK}, the shortest length. */
    static byte[] frame(int first, byte[] payload) {
        int len = payload.length;
        ByteBuf b = Unpooled.buffer();
        b.writeByte(first);
        if (len < 126) {
            b.writeByte(0x80 | len);
        } else if (len <= 0xFFFF) {
            b.writeByte(0x80 | 126).writeShort(len);
        } else {
            b.writeByte(0x80 | 127).writeLong(len);
        }
        b.writeBytes(MASK);
        for (int i = 0; i < len; i++) {
            b.writeByte(payload[i] ^ MASK[i % 4]);
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out).release();
        return out;
    }

    static byte[] text(String s) {
        return frame(0x81, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void read(WsConn ws, byte[]... chunks) {
        for (byte[] c : chunks) {
            ws.channel().writeInbound(Unpooled.wrappedBuffer(c));
        }
        ws.runTasks();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private void assertRefused(WsConn ws, int status) {
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(status, f.closeStatus());
        assertFalse(ws.isOpen());
        ws.runTasks();
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void afterTheHandshakeThePipelineHoldsNoHttpOrFrameCodec() {
        WsConn ws = open();
        List<String> names = new ArrayList<>();
        for (var e : ws.channel().pipeline()) {
            ChannelHandler h = e.getValue();
            names.add(e.getKey());
            assertTrue(h instanceof WebSocketBytesHandler, () -> "left in the pipeline: " + h);
        }
        assertEquals(List.of("eio-ws"), names);
    }

    @Test
    void aFrameCutIntoSingleBytesIsReadOnceWhole() {
        WsConn ws = open();
        byte[] f = text("4hello");
        for (byte b : f) {
            read(ws, new byte[] {b});
        }
        assertEquals("4hello", ws.frame().text());
    }

    @Test
    void severalFramesInOneReadAreReadInOrder() {
        WsConn ws = open();
        read(ws, concat(text("4a"), text("4b"), frame(0x82, new byte[] {1, 2, 3}), text("4c")));
        List<WsFrame> out = ws.frames();
        assertEquals(4, out.size(), out::toString);
        assertEquals("4a", out.get(0).text());
        assertEquals("4b", out.get(1).text());
        assertArrayEquals(new byte[] {1, 2, 3}, out.get(2).data());
        assertEquals("4c", out.get(3).text());
    }

    @Test
    void payloadsOfEveryLengthFormAreUnmasked() {
        WsConn ws = open(EngineIoOptions.builder().maxPayload(200_000).build());
        for (int len : new int[] {1, 7, 8, 9, 125, 126, 127, 65_535, 65_536, 100_003}) {
            byte[] data = new byte[len];
            for (int i = 0; i < len; i++) {
                data[i] = (byte) (i * 31 + 7);
            }
            byte[] f = frame(0x82, data);
            // the frame in two reads, cut inside its payload
            read(ws, Arrays.copyOfRange(f, 0, f.length / 2), Arrays.copyOfRange(f, f.length / 2, f.length));
            assertArrayEquals(data, ws.frame().data(), "length " + len);
        }
    }

    @Test
    void aFragmentedTextMessageCutAcrossReadsIsPutTogether() {
        WsConn ws = open();
        byte[] all = concat(frame(0x01, "4he".getBytes(StandardCharsets.UTF_8)), frame(0x89, new byte[] {5}),
                frame(0x80, "llo".getBytes(StandardCharsets.UTF_8)));
        read(ws, Arrays.copyOfRange(all, 0, 5), Arrays.copyOfRange(all, 5, all.length));
        List<WsFrame> out = ws.frames();
        assertEquals(Kind.PONG, out.get(0).kind());
        assertArrayEquals(new byte[] {5}, out.get(0).data());
        assertEquals("4hello", out.get(1).text());
    }

    @Test
    void anUnmaskedFrameIsAProtocolError() {
        WsConn ws = open();
        read(ws, new byte[] {(byte) 0x81, 2, '4', 'x'});
        assertRefused(ws, 1002);
    }

    @Test
    void reservedBitsWithoutAnExtensionAreAProtocolError() {
        WsConn ws = open();
        read(ws, frame(0xC1, "4x".getBytes(StandardCharsets.UTF_8)));
        assertRefused(ws, 1002);
    }

    @Test
    void aReservedDataOpcodeIsAProtocolError() {
        WsConn ws = open();
        read(ws, frame(0x83, new byte[] {1}));
        assertRefused(ws, 1002);
    }

    @Test
    void aReservedControlOpcodeIsAProtocolError() {
        WsConn ws = open();
        read(ws, frame(0x8B, new byte[0]));
        assertRefused(ws, 1002);
    }

    @Test
    void aFragmentedPingIsAProtocolError() {
        WsConn ws = open();
        read(ws, frame(0x09, new byte[] {1}));
        assertRefused(ws, 1002);
    }

    @Test
    void aPingLongerThan125BytesIsAProtocolError() {
        WsConn ws = open();
        read(ws, frame(0x89, new byte[126]));
        assertRefused(ws, 1002);
    }

    @Test
    void aLengthNotInItsShortestFormIsAProtocolError() {
        WsConn ws = open();
        // 16-bit length field holding 5
        read(ws, new byte[] {(byte) 0x81, (byte) (0x80 | 126), 0, 5, 0, 0, 0, 0, '4', 'a', 'b', 'c', 'd'});
        assertRefused(ws, 1002);
    }

    @Test
    void aSixtyFourBitLengthBelow65536IsAProtocolError() {
        WsConn ws = open();
        read(ws, new byte[] {(byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0});
        assertRefused(ws, 1002);
    }

    @Test
    void aContinuationOutsideAMessageIsAProtocolError() {
        WsConn ws = open();
        read(ws, frame(0x80, "4x".getBytes(StandardCharsets.UTF_8)));
        assertRefused(ws, 1002);
    }

    @Test
    void aNewMessageInsideAFragmentedOneIsAProtocolError() {
        WsConn ws = open();
        read(ws, frame(0x01, "4a".getBytes(StandardCharsets.UTF_8)), text("4b"));
        assertRefused(ws, 1002);
    }

    @Test
    void aCloseFrameWithAOneByteBodyIsAProtocolError() {
        WsConn ws = open();
        read(ws, frame(0x88, new byte[] {3}));
        assertRefused(ws, 1002);
    }

    @Test
    void aCloseCodeNoPeerMaySendIsAProtocolError() {
        WsConn ws = open();
        // 1005 (no status received) is for reports, never on the wire (§7.4.1)
        read(ws, frame(0x88, new byte[] {0x03, (byte) 0xED}));
        assertRefused(ws, 1002);
    }

    @Test
    void aCloseReasonThatIsNotUtf8IsRefusedWith1007() {
        WsConn ws = open();
        read(ws, frame(0x88, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28}));
        assertRefused(ws, 1007);
    }

    @Test
    void aCloseFrameIsEchoedWithItsBodyAndNothingAfterItIsRead() {
        WsConn ws = open();
        byte[] body = {0x0F, (byte) 0xA0, 'b', 'y', 'e'}; // 4000, an application's own code
        read(ws, concat(frame(0x88, body), text("4late")));
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertArrayEquals(body, f.data());
        assertFalse(ws.isOpen());
        ws.runTasks();
        assertSame(CloseReason.TRANSPORT_CLOSE, listener.closeReason());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void anEmptyCloseFrameIsEchoedEmpty() {
        WsConn ws = open();
        read(ws, frame(0x88, new byte[0]));
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(0, f.data().length);
        assertFalse(ws.isOpen());
    }

    @Test
    void aPongIsIgnored() {
        WsConn ws = open();
        read(ws, frame(0x8A, new byte[] {1, 2}), text("4after"));
        assertEquals("4after", ws.frame().text());
        assertNull(listener.closeReason());
    }

    @Test
    void aContinuationDeclaringMoreThanTheMessageMayStillHoldIsRefusedFromItsHeader() {
        WsConn ws = open(EngineIoOptions.builder().maxPayload(100).build());
        // 60 bytes read, then a continuation header declaring 60 more, its payload not sent
        read(ws, frame(0x01, ("4" + "x".repeat(59)).getBytes(StandardCharsets.UTF_8)),
                new byte[] {0x00, (byte) (0x80 | 60), 1, 2, 3, 4});
        assertRefused(ws, 1009);
    }

    @Test
    void aFrameSentWithTheUpgradeRequestIsReadAfterTheAnswerIsWritten() {
        // RFC 6455 §4.1 has the client wait for the answer; one that does not still gets the answer first
        EmbeddedChannel ch = new EmbeddedChannel();
        EngineIoServer.create(EngineIoOptions.defaults(), listener).configurePipeline(ch.pipeline());
        String req = "GET " + V4 + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + WsConn.SAMPLE_KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ch.writeInbound(Unpooled.wrappedBuffer(concat(req.getBytes(StandardCharsets.US_ASCII), text("4early"))));
        ch.runPendingTasks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes).release();
            out.writeBytes(bytes);
        }
        String wire = out.toString(StandardCharsets.ISO_8859_1);
        assertTrue(wire.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), wire);
        assertTrue(wire.contains("Sec-WebSocket-Accept: " + WsConn.SAMPLE_ACCEPT + "\r\n"), wire);
        int frames = wire.indexOf("\r\n\r\n") + 4;
        assertEquals('0', wire.charAt(frames + 2), "the open packet first: " + wire);
        int echo = frames + 2 + (wire.charAt(frames + 1) & 0x7F);
        assertEquals("\u0081\u00064early", wire.substring(echo), wire);
        assertFalse(ch.finish());
    }
}
