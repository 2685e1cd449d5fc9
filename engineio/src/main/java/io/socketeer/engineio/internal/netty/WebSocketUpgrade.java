package io.socketeer.engineio.internal.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Answers a WebSocket opening handshake (RFC 6455 §4.2.2) when no extension is negotiated, without Netty's
 * handshaker: the 101 answer goes out as bytes, with the first Engine.IO packet behind it in the same write,
 * and the HTTP handlers leave the pipeline at once, so that the socket's bytes reach the
 * {@linkplain EngineIoWebSocketHandler#onBytes frame reader} with nothing in between (TLS aside) and the
 * connection keeps no frame decoder or encoder.
 */
public final class WebSocketUpgrade {

    /** RFC 6455 §1.3: appended to the client's key before hashing. */
    private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: ").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final short CRLF = ('\r' << 8) | '\n';
    private static final short COLON_SPACE = (':' << 8) | ' ';
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    });

    private WebSocketUpgrade() {
    }

    /**
     * @param pipeline the pipeline of a connection asking for an upgrade
     * @return whether it can be switched this way: its HTTP codec is Netty's {@code HttpServerCodec}, which
     *         leaves whole
     */
    public static boolean applies(ChannelPipeline pipeline) {
        return pipeline.get(HttpServerCodec.class) != null;
    }

    /**
     * @param key the client's {@code Sec-WebSocket-Key}
     * @return the {@code Sec-WebSocket-Accept} value that proves the server read it (§4.2.2)
     */
    static String accept(String key) {
        MessageDigest sha1 = SHA1.get();
        sha1.update(key.getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(sha1.digest(GUID));
    }

    /**
     * Moves the connection from HTTP to WebSocket: the WebSocket handler takes the place of the HTTP handler, the
     * answer is written and flushed with the first packet, and the HTTP handlers leave. In that order, so that a
     * frame the client sent before reading the answer (which §4.1 forbids; it would be in the HTTP decoder's
     * buffer) reaches the new handler only after the answer, and after what {@code written} does when the
     * write completes at once.
     *
     * @param http the context of the handler that read the upgrade request; on its event loop
     * @param key the client's {@code Sec-WebSocket-Key}
     * @param handler the handler that reads the socket from now on
     * @param extra headers to add to the answer (validated), or {@code null}
     * @param first the first packet's frame, or {@code null}; handed over
     * @param written told once the answer and the packet are written
     */
    public static void switchProtocols(ChannelHandlerContext http, String key, EngineIoWebSocketHandler handler,
                                       HttpHeaders extra, ByteBuf first, ChannelFutureListener written) {
        Channel channel = http.channel();
        ChannelPipeline p = http.pipeline();
        HttpServerCodec codec = p.get(HttpServerCodec.class);
        p.replace(http.name(), "eio-ws", handler);
        if (p.get(HttpObjectAggregator.class) != null) {
            p.remove(HttpObjectAggregator.class);
        }
        if (p.get(HttpContentCompressor.class) != null) {
            p.remove(HttpContentCompressor.class);
        }
        if (p.get(NotFoundHandler.class) != null) {
            p.remove(NotFoundHandler.class); // no more HTTP requests on this connection
        }
        codec.removeOutboundHandler(); // the HTTP encoder would refuse bytes
        byte[] accept = accept(key).getBytes(StandardCharsets.US_ASCII);
        ByteBuf answer = channel.alloc().buffer(HEAD.length + accept.length + END.length)
                .writeBytes(HEAD).writeBytes(accept);
        if (extra != null) {
            for (Iterator<Map.Entry<CharSequence, CharSequence>> it = extra.iteratorCharSequence(); it.hasNext(); ) {
                Map.Entry<CharSequence, CharSequence> h = it.next();
                answer.writeShort(CRLF).writeCharSequence(h.getKey(), StandardCharsets.US_ASCII);
                answer.writeShort(COLON_SPACE).writeCharSequence(h.getValue(), StandardCharsets.ISO_8859_1);
            }
        }
        answer.writeBytes(END);
        if (first != null) {
            channel.write(answer, channel.voidPromise());
            answer = first;
        }
        channel.writeAndFlush(answer).addListener(written);
        p.remove(codec); // what the HTTP decoder still holds goes to the new handler
    }
}
