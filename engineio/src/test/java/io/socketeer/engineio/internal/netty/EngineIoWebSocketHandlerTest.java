package io.socketeer.engineio.internal.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.socketeer.engineio.AllowRequest;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.Transport;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.RecordingListener;
import io.socketeer.engineio.testing.WsConn;
import io.socketeer.engineio.testing.WsFrame;
import io.socketeer.engineio.testing.WsFrame.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions that start on WebSocket (conformance §4.3, §4.6): the handshake, one packet per frame in both
 * directions for v4 and v3, and every way the socket can end.
 */
class EngineIoWebSocketHandlerTest {

    /** Engine.IO v3 is refused unless allowed, as in the reference. */
    private static final EngineIoOptions V3_ALLOWED = EngineIoOptions.builder().allowEio3(true).build();

    private static final String V4 = "/engine.io/?EIO=4&transport=websocket";
    private static final String V3 = "/engine.io/?EIO=3&transport=websocket";

    private final RecordingListener listener = RecordingListener.echoing();
    private final List<WsConn> conns = new ArrayList<>();

    @AfterEach
    void finishConnections() {
        for (WsConn c : conns) {
            assertFalse(c.finish(), "unread output");
        }
    }

    private WsConn open(EngineIoOptions options, String uri) {
        WsConn ws = WsConn.upgrade(EngineIoServer.create(options, listener), uri);
        conns.add(ws);
        return ws;
    }

    /** Opens a v4 session and reads its open packet. */
    private WsConn open() {
        WsConn ws = open(EngineIoOptions.defaults(), V4);
        assertEquals(Kind.TEXT, ws.frame().kind());
        return ws;
    }

    @Test
    void handshakeAnswers101WithTheRfcAcceptValueThenTheOpenPacket() {
        WsConn ws = open(EngineIoOptions.defaults(), V4);
        assertEquals(101, ws.status());
        assertEquals(WsConn.SAMPLE_ACCEPT, ws.header("Sec-WebSocket-Accept"));
        assertEquals("websocket", ws.header("Upgrade").toLowerCase());

        WsFrame open = ws.frame();
        assertEquals(Kind.TEXT, open.kind());
        String sid = Eio.sidOf(open.text());
        assertEquals("0{\"sid\":\"" + sid + "\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                + "\"maxPayload\":1000000}", open.text());
        EngineIoSession s = listener.session();
        assertEquals(sid, s.id());
        assertSame(Transport.WEBSOCKET, s.transport());
        assertSame(Transport.WEBSOCKET, s.handshake().transport());
    }

    @Test
    void v3OpenPacketOverWebSocketHasNoMaxPayload() {
        WsConn ws = open(V3_ALLOWED, V3);
        String text = ws.frame().text();
        assertEquals("0{\"sid\":\"" + Eio.sidOf(text) + "\",\"upgrades\":[],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000}", text);
    }

    @Test
    void echoesTextPacketsOnePerFrame() {
        WsConn ws = open();
        ws.sendText("4hello");
        ws.sendText("4€😀");
        List<WsFrame> frames = ws.frames();
        assertEquals(2, frames.size());
        assertEquals("4hello", frames.get(0).text());
        assertEquals("4€😀", frames.get(1).text());
        assertEquals("€😀", listener.messages().get(1).text());
    }

    @Test
    void echoesBinaryAsRawBytesInV4() {
        WsConn ws = open();
        ws.sendBinary(1, 2, 3, 4);
        WsFrame f = ws.frame();
        assertEquals(Kind.BINARY, f.kind());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, f.data());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, listener.messages().get(0).data());
    }

    @Test
    void binaryFramesCarryTheMessageTypeByteInV3() {
        WsConn ws = open(V3_ALLOWED, V3);
        ws.frame();
        ws.sendBinary(4, 1, 2, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, listener.messages().get(0).data());
        WsFrame f = ws.frame();
        assertEquals(Kind.BINARY, f.kind());
        assertArrayEquals(new byte[] {4, 1, 2, 3}, f.data());
    }

    @Test
    void v3BinaryFrameWithoutTheMessageTypeClosesTheSession() {
        WsConn ws = open(V3_ALLOWED, V3);
        ws.frame();
        ws.sendBinary(1, 2, 3);
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertFalse(ws.isOpen());
        assertSame(CloseReason.PARSE_ERROR, listener.closeReason());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void v3ClientPingIsAnsweredWithAPong() {
        WsConn ws = open(V3_ALLOWED, V3);
        ws.frame();
        ws.sendText("2");
        assertEquals("3", ws.frame().text());
        ws.sendText("2probe");
        assertEquals("3probe", ws.frame().text());
    }

    @Test
    void applicationSendsGoOutInOrderAsTextAndBinaryFrames() {
        WsConn ws = open();
        EngineIoSession s = listener.session();
        s.send("a");
        s.send(new byte[] {9});
        s.send(List.of(EngineIoMessage.text("b"), EngineIoMessage.text("c")));
        List<WsFrame> frames = ws.frames();
        assertEquals(4, frames.size());
        assertEquals("4a", frames.get(0).text());
        assertEquals(Kind.BINARY, frames.get(1).kind());
        assertArrayEquals(new byte[] {9}, frames.get(1).data());
        assertEquals("4b", frames.get(2).text());
        assertEquals("4c", frames.get(3).text());
    }

    @Test
    void aggregatesAFragmentedMessage() {
        WsConn ws = open();
        ws.send(new TextWebSocketFrame(false, 0, "4hel"));
        ws.send(new ContinuationWebSocketFrame(true, 0, "lo"));
        assertEquals("4hello", ws.frame().text());
    }

    @Test
    void aggregatesAFragmentedBinaryMessageWithAPingBetweenItsFragments() {
        WsConn ws = open();
        ws.send(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {1, 2})));
        ws.send(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {9})));
        ws.send(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {3})));
        ws.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {4, 5})));
        List<WsFrame> frames = ws.frames();
        assertEquals(Kind.PONG, frames.get(0).kind(), "a control frame is answered between fragments");
        assertEquals(Kind.BINARY, frames.get(1).kind());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, frames.get(1).data());
        assertEquals(1, listener.messages().size());
    }

    @Test
    void aMultiByteCharacterSplitAcrossFragmentsIsValidUtf8() {
        WsConn ws = open();
        byte[] euro = "4€".getBytes(StandardCharsets.UTF_8); // '4', E2 82 AC
        ws.send(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(euro, 0, 2)));
        ws.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(euro, 2, 2)));
        assertEquals("4€", ws.frame().text());
        assertEquals("€", listener.messages().get(0).text());
    }

    @Test
    void aConnectionDroppedInsideAFragmentedMessageEndsTheSessionAndKeepsNothing() {
        WsConn ws = open();
        ws.send(new TextWebSocketFrame(false, 0, "4hal"));
        ws.close();
        assertSame(CloseReason.TRANSPORT_CLOSE, listener.closeReason());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void invalidPacketClosesTheConnection() {
        WsConn ws = open();
        ws.sendText("abc");
        WsFrame close = ws.frame();
        assertEquals(Kind.CLOSE, close.kind());
        assertEquals(1000, close.closeStatus());
        assertFalse(ws.isOpen());
        assertSame(CloseReason.PARSE_ERROR, listener.closeReason());
    }

    @Test
    void emptyTextFrameClosesTheConnection() {
        WsConn ws = open();
        ws.sendText("");
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertSame(CloseReason.PARSE_ERROR, listener.closeReason());
    }

    @Test
    void closePacketFromTheClientClosesAtOnce() {
        WsConn ws = open();
        ws.sendText("1");
        assertEquals(Kind.CLOSE, ws.frame().kind());
        assertFalse(ws.isOpen());
        assertSame(CloseReason.TRANSPORT_CLOSE, listener.closeReason());
    }

    @Test
    void closeFrameFromTheClientIsAnsweredAndEndsTheSession() {
        WsConn ws = open();
        ws.send(new CloseWebSocketFrame(1000, "bye"));
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(1000, f.closeStatus());
        assertFalse(ws.isOpen());
        assertSame(CloseReason.TRANSPORT_CLOSE, listener.closeReason());
    }

    @Test
    void droppedConnectionEndsTheSessionAsATransportClose() {
        WsConn ws = open();
        ws.close();
        assertSame(CloseReason.TRANSPORT_CLOSE, listener.closeReason());
        assertFalse(listener.session().isOpen());
    }

    @Test
    void answersAWebSocketPingFrameWithAPongFrame() {
        WsConn ws = open();
        ws.send(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7, 7})));
        WsFrame f = ws.frame();
        assertEquals(Kind.PONG, f.kind());
        assertArrayEquals(new byte[] {7, 7}, f.data());
        assertNull(listener.closeReason());
    }

    @Test
    void serverCloseSendsACloseFrame() {
        WsConn ws = open();
        listener.session().send("last");
        listener.session().close();
        List<WsFrame> frames = ws.frames();
        assertEquals("4last", frames.get(0).text());
        assertEquals(Kind.CLOSE, frames.get(1).kind());
        assertEquals(1000, frames.get(1).closeStatus());
        assertFalse(ws.isOpen());
        assertSame(CloseReason.FORCED_CLOSE, listener.closeReason());
    }

    @Test
    void messageLargerThanMaxPayloadFailsTheConnection() {
        WsConn ws = open(EngineIoOptions.builder().maxPayload(10).build(), V4);
        ws.frame();
        ws.sendText("4" + "x".repeat(20));
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(1009, f.closeStatus());
        assertFalse(ws.isOpen());
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void invalidUtf8InATextFrameFailsTheConnection() {
        WsConn ws = open();
        ws.send(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {'4', (byte) 0xC3, (byte) 0x28})));
        WsFrame f = ws.frame();
        assertEquals(Kind.CLOSE, f.kind());
        assertEquals(1007, f.closeStatus());
        assertSame(CloseReason.TRANSPORT_ERROR, listener.closeReason());
        assertTrue(listener.messages().isEmpty());
    }

    @Test
    void refusedUpgradeIsABare400ThatClosesTheConnection() {
        WsConn ws = open(EngineIoOptions.defaults(), "/engine.io/?transport=websocket");
        assertEquals(400, ws.status());
        assertEquals("close", ws.header("Connection"));
        assertEquals("Unsupported protocol version", ws.body());
        assertFalse(ws.isOpen());
        assertTrue(listener.opened().isEmpty());
    }

    @Test
    void refusedUpgradeNamesTheProblem() {
        assertEquals("Unsupported protocol version", open(EngineIoOptions.defaults(),
                "/engine.io/?EIO=abc&transport=websocket").body());
        assertEquals("Transport unknown", open(EngineIoOptions.defaults(), "/engine.io/?EIO=4").body());
        assertEquals("Transport unknown", open(EngineIoOptions.defaults(),
                "/engine.io/?EIO=4&transport=abc").body());
        assertEquals("Session ID unknown", open(EngineIoOptions.defaults(), Eio.websocket("nope")).body());
        assertTrue(listener.opened().isEmpty());
    }

    @Test
    void refusesAnUpgradeThatAsksForThePollingTransport() {
        // the reference closes such a socket: polling does not handle upgraded requests
        WsConn ws = open(EngineIoOptions.defaults(), "/engine.io/?EIO=4&transport=polling");
        assertEquals(400, ws.status());
        assertEquals("Bad request", ws.body());
        assertFalse(ws.isOpen());
        assertTrue(listener.opened().isEmpty());
    }

    @Test
    void anUpgradeCannotOpenAWebSocketSessionWhenOnlyPollingIsEnabled() {
        WsConn ws = open(EngineIoOptions.builder().transports(Transport.POLLING).build(),
                "/engine.io/?EIO=4&transport=polling");
        assertEquals(400, ws.status());
        assertFalse(ws.isOpen());
        assertTrue(listener.opened().isEmpty());
    }

    @Test
    void refusedUpgradeForANewSessionIsForbiddenWhenAllowRequestSaysNo() {
        WsConn ws = open(EngineIoOptions.builder()
                .allowRequest(AllowRequest.of(r -> false)).build(), V4);
        assertEquals(400, ws.status());
        assertEquals("Forbidden", ws.body());
        assertFalse(ws.isOpen());
    }

    @Test
    void refusesAWebSocketOnlySessionWhenWebSocketIsNotEnabled() {
        WsConn ws = open(EngineIoOptions.builder().transports(Transport.POLLING).build(), V4);
        assertEquals(400, ws.status());
        assertEquals("Transport unknown", ws.body());
    }

    @Test
    void handshakeRequestOfAWebSocketSessionKeepsItsHeaders() {
        open();
        assertEquals("websocket", listener.session().handshake().header("upgrade"));
        assertEquals(WsConn.SAMPLE_KEY, listener.session().handshake().header("Sec-WebSocket-Key"));
        assertEquals("4", listener.session().handshake().query("EIO"));
    }
}
