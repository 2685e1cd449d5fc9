package io.socketeer.engineio.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.internal.netty.NotFoundHandler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebSocket client connection on an {@link EmbeddedChannel} running a standalone server's pipeline. The
 * upgrade request goes in as raw bytes; the answer's head is parsed by hand, and every byte after it is read
 * with Netty's client-side frame decoder. Frames to the server are masked by Netty's client-side encoder.
 * The channel's clock is frozen, as in {@link HttpConn}. A socket that upgrades a polling session must
 * also run the tasks of the session's loop: see {@link #sessionOn(HttpConn)}.
 */
public final class WsConn {

    /** The key of RFC 6455 §1.3, whose accept value is {@link #SAMPLE_ACCEPT}. */
    public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    /** The accept value RFC 6455 §1.3 gives for {@link #SAMPLE_KEY}. */
    public static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final EmbeddedChannel channel;
    private final EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    private final EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(
            WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(16 * 1024 * 1024)
                    .allowExtensions(true).build()));
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean headDone;
    private int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body = "";
    private Runnable sessionTasks = () -> { };

    private WsConn(EngineIoServer server) {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        server.configurePipeline(channel.pipeline());
        channel.pipeline().addLast("not-found", new NotFoundHandler());
    }

    /**
     * Opens a connection and sends a WebSocket upgrade request with the RFC's sample key.
     *
     * @param server the server
     * @param uri the request target
     * @return the connection, its handshake answer read
     */
    public static WsConn upgrade(EngineIoServer server, String uri) {
        return upgrade(server, uri, 13);
    }

    /**
     * Opens a connection and sends a WebSocket upgrade request of a given protocol version.
     *
     * @param server the server
     * @param uri the request target
     * @param version the Sec-WebSocket-Version
     * @return the connection, its handshake answer read
     */
    public static WsConn upgrade(EngineIoServer server, String uri, int version) {
        return upgrade(server, uri, "Sec-WebSocket-Version: " + version + "\r\n");
    }

    /**
     * Opens a connection and sends a WebSocket upgrade request with more headers, e.g. an extension offer.
     *
     * @param server the server
     * @param uri the request target
     * @param headers header lines, each ending with CRLF, the version among them
     * @return the connection, its handshake answer read
     */
    public static WsConn upgrade(EngineIoServer server, String uri, String headers) {
        WsConn ws = new WsConn(server);
        String req = "GET " + uri + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n" + headers + "\r\n";
        ws.channel.writeInbound(Unpooled.copiedBuffer(req, StandardCharsets.US_ASCII));
        ws.pump();
        assertTrue(ws.headDone, "no complete answer to the upgrade request");
        return ws;
    }

    /**
     * Makes this connection run the tasks of the connection whose loop the session lives on whenever it
     * sends or reads, as an upgrading socket of a polling session needs.
     *
     * @param owner the connection the session's handshake came on
     * @return this connection
     */
    public WsConn sessionOn(HttpConn owner) {
        sessionTasks = owner::runTasks;
        sessionTasks.run();
        return this;
    }

    /** @return the server side */
    public EmbeddedChannel channel() {
        return channel;
    }

    /** @return the status of the answer to the upgrade request */
    public int status() {
        return status;
    }

    /**
     * @param name a header name, any case
     * @return the value in the upgrade answer, or {@code null}
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return the body of a refused upgrade */
    public String body() {
        return body;
    }

    /**
     * Sends a text frame.
     *
     * @param text the text
     */
    public void sendText(String text) {
        send(new TextWebSocketFrame(text));
    }

    /**
     * Sends a binary frame.
     *
     * @param data the bytes
     */
    public void sendBinary(byte[] data) {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }

    /**
     * Sends a binary frame of small values.
     *
     * @param values the byte values, each 0 to 255
     */
    public void sendBinary(int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) values[i];
        }
        sendBinary(data);
    }

    /**
     * Masks and sends any frame.
     *
     * @param frame the frame, released here
     */
    public void send(WebSocketFrame frame) {
        encoder.writeOutbound(frame);
        for (Object out; (out = encoder.readOutbound()) != null; ) {
            channel.writeInbound((ByteBuf) out);
        }
        channel.runPendingTasks();
        sessionTasks.run();
    }

    /** Runs the tasks queued on this channel's event loop. */
    public void runTasks() {
        channel.runPendingTasks();
    }

    /**
     * Moves this channel's frozen clock forward and runs what became due.
     *
     * @param time how far
     */
    public void advance(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /** @return every frame the server wrote since the last call */
    public List<WsFrame> frames() {
        pump();
        List<WsFrame> frames = new ArrayList<>();
        for (Object in; (in = decoder.readInbound()) != null; ) {
            WebSocketFrame f = (WebSocketFrame) in;
            try {
                frames.add(new WsFrame(kind(f), ByteBufUtil.getBytes(f.content())));
            } finally {
                f.release();
            }
        }
        return frames;
    }

    /** @return the one frame written since the last call; fails if there is not exactly one */
    public WsFrame frame() {
        List<WsFrame> f = frames();
        assertEquals(1, f.size(), () -> "expected one frame, got " + f);
        return f.get(0);
    }

    /** @return whether the server side is open */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Drops the connection from the client side. */
    public void close() {
        channel.close();
        channel.runPendingTasks();
    }

    /**
     * Closes everything and tells whether anything was left unread; releases whatever was.
     *
     * @return {@code true} if something the server wrote was not read
     */
    public boolean finish() {
        boolean serverLeft = channel.finish();
        boolean decoderLeft = decoder.finish();
        boolean encoderLeft = encoder.finish();
        channel.releaseInbound();
        channel.releaseOutbound();
        decoder.releaseInbound();
        encoder.releaseOutbound();
        return serverLeft || decoderLeft || encoderLeft;
    }

    private void pump() {
        sessionTasks.run();
        channel.runPendingTasks();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) out;
            if (headDone) {
                decoder.writeInbound(buf);
                continue;
            }
            try {
                head.writeBytes(ByteBufUtil.getBytes(buf));
            } finally {
                buf.release();
            }
            parseHead();
        }
    }

    private void parseHead() {
        byte[] bytes = head.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return;
        }
        String[] lines = text.substring(0, end).split("\r\n");
        status = Integer.parseInt(lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int rest = end + 4;
        int length = status == 101 ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
        if (bytes.length < rest + length) {
            return;
        }
        body = new String(bytes, rest, length, StandardCharsets.UTF_8);
        headDone = true;
        String extensions = headers.get("sec-websocket-extensions");
        if (status == 101 && extensions != null && extensions.contains("permessage-deflate")) {
            // the server's compressed frames are inflated as a client would (server_no_context_takeover aside)
            WebSocketClientExtension deflate = new PerMessageDeflateClientExtensionHandshaker()
                    .handshakeExtension(new WebSocketExtensionData("permessage-deflate", Map.of()));
            decoder.pipeline().addLast(deflate.newExtensionDecoder());
        }
        if (bytes.length > rest + length) {
            decoder.writeInbound(Unpooled.wrappedBuffer(bytes, rest + length, bytes.length - rest - length));
        }
    }

    private static WsFrame.Kind kind(WebSocketFrame f) {
        if (f instanceof TextWebSocketFrame) {
            return WsFrame.Kind.TEXT;
        } else if (f instanceof BinaryWebSocketFrame) {
            return WsFrame.Kind.BINARY;
        } else if (f instanceof CloseWebSocketFrame) {
            return WsFrame.Kind.CLOSE;
        } else if (f instanceof PingWebSocketFrame) {
            return WsFrame.Kind.PING;
        } else if (f instanceof PongWebSocketFrame) {
            return WsFrame.Kind.PONG;
        } else if (f instanceof ContinuationWebSocketFrame) {
            return WsFrame.Kind.CONTINUATION;
        }
        throw new AssertionError("unknown frame " + f);
    }
}
