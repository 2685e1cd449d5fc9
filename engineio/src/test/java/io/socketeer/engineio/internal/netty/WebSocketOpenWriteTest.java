package io.socketeer.engineio.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebSocket handshake is answered with the Engine.IO open packet in the same write to the socket (one system
 * call, one wake-up of the client), as long as no extension rewrites the frames; with permessage-deflate
 * offered, the answer and the open packet go out one after the other, as before.
 */
class WebSocketOpenWriteTest {

    private static final String UPGRADE = "GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n";


    /** Stands for the socket: what reaches it between two flushes is one write. */
    private static final class Socket extends ChannelOutboundHandlerAdapter {
        final List<String> writes = new ArrayList<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ByteBuf b = (ByteBuf) msg;
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            pending.writeBytes(bytes);
            promise.setSuccess();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (pending.size() > 0) {
                writes.add(pending.toString(StandardCharsets.ISO_8859_1));
                pending.reset();
            }
        }
    }

    private static List<String> upgrade(EngineIoOptions options, String extraHeaders) {
        EngineIoServer server = EngineIoServer.create(options, RecordingListener.recording());
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        Socket socket = new Socket();
        ch.pipeline().addFirst("socket", socket);
        server.configurePipeline(ch.pipeline());
        ch.pipeline().addLast("not-found", new NotFoundHandler());
        ch.writeInbound(Unpooled.copiedBuffer(UPGRADE + extraHeaders + "\r\n", StandardCharsets.US_ASCII));
        ch.runPendingTasks();
        assertNull(ch.pipeline().get("eio-flush-hold"), "the hold is gone once the answer is out");
        ch.close();
        ch.runPendingTasks();
        assertFalse(ch.finish());
        server.close().join();
        return socket.writes;
    }

    private static String openFrame(String write) {
        int body = write.indexOf("\r\n\r\n") + 4;
        return write.substring(body + 2); // a text frame under 126 bytes: FIN|text, length, then the payload
    }

    @Test
    void theHandshakeAnswerAndTheOpenPacketLeaveInOneWrite() {
        List<String> writes = upgrade(EngineIoOptions.defaults(), "");
        assertEquals(1, writes.size(), "writes: " + writes);
        assertTrue(writes.get(0).startsWith("HTTP/1.1 101 Switching Protocols\r\n"), writes.get(0));
        String open = openFrame(writes.get(0));
        assertTrue(open.startsWith("0{\"sid\":\""), open);
        assertEquals((byte) 0x81, (byte) writes.get(0).charAt(writes.get(0).indexOf("\r\n\r\n") + 4));
    }

    @Test
    void withPermessageDeflateTheOpenPacketFollowsTheAnswer() {
        List<String> writes = upgrade(EngineIoOptions.builder().perMessageDeflate(true).build(),
                "Sec-WebSocket-Extensions: permessage-deflate\r\n");
        assertEquals(2, writes.size(), "writes: " + writes);
        assertTrue(writes.get(0).startsWith("HTTP/1.1 101 Switching Protocols\r\n"), writes.get(0));
        assertTrue(writes.get(0).toLowerCase(Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate"),
                writes.get(0));
        assertTrue(writes.get(1).length() > 2, writes.get(1));
    }

    @Test
    void aRefusedHandshakeLeavesNoHoldBehind() {
        EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), RecordingListener.recording());
        EmbeddedChannel ch = new EmbeddedChannel();
        Socket socket = new Socket();
        ch.pipeline().addFirst("socket", socket);
        server.configurePipeline(ch.pipeline());
        ch.pipeline().addLast("not-found", new NotFoundHandler());
        String noKey = UPGRADE.replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "");
        ch.writeInbound(Unpooled.copiedBuffer(noKey + "\r\n", StandardCharsets.US_ASCII));
        ch.runPendingTasks();
        assertNull(ch.pipeline().get("eio-flush-hold"));
        assertEquals(1, socket.writes.size(), "writes: " + socket.writes);
        assertTrue(socket.writes.get(0).startsWith("HTTP/1.1 400"), socket.writes.get(0));
        ch.finishAndReleaseAll();
        server.close().join();
    }
}
