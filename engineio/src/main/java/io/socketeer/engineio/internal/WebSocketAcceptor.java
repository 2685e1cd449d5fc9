package io.socketeer.engineio.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.internal.netty.EngineIoWebSocketHandler;
import io.socketeer.engineio.internal.netty.NotFoundHandler;
import io.socketeer.engineio.internal.netty.WebSocketUpgrade;
import io.socketeer.engineio.internal.session.EngineSession;
import io.socketeer.engineio.internal.transport.HttpExchange;
import io.socketeer.engineio.internal.transport.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Answers the WebSocket handshakes of the Engine.IO path, a new session's (its open packet goes with the answer)
 * and a polling session's upgrade (its probe follows). Without permessage-deflate, on Netty's
 * {@code HttpServerCodec}, the answer is ours ({@link WebSocketUpgrade}) and the frames are read from the
 * socket's bytes; otherwise Netty's handshaker puts its frame decoder and encoder, and the extension's handlers,
 * in place.
 */
final class WebSocketAcceptor {

    private static final Logger log = LoggerFactory.getLogger(WebSocketAcceptor.class);

    private final EngineIoOptions options;
    private final WebSocketDecoderConfig decoderConfig;
    private final Consumer<HttpExchange> refuse;

    /**
     * @param options the server's options
     * @param refuse answers a refused handshake (400) and releases it
     */
    WebSocketAcceptor(EngineIoOptions options, Consumer<HttpExchange> refuse) {
        this.options = options;
        this.refuse = refuse;
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(options.maxPayload())
                .allowExtensions(options.perMessageDeflate())
                .closeOnProtocolViolation(true)
                .build();
    }

    /** Makes the session of a new WebSocket, or finds the one it upgrades. */
    interface SessionFactory {
        EngineSession bind(WebSocketTransport ws);
    }

    /** Told once the handshake's answer is written, on the session's loop. */
    interface Ready {
        void ready(EngineSession session, WebSocketTransport ws);
    }

    /**
     * Answers a WebSocket handshake and moves the connection to the WebSocket handlers; refuses one of a version
     * other than 13 (or its draft 8) or without a key.
     *
     * @param ex the upgrade request, released here
     * @param protocol the Engine.IO protocol, 3 or 4
     * @param factory makes or finds the session, given the transport
     * @param greeting the packet sent with the handshake's answer (the open packet of a new session), or null
     * @param ready    called once the answer is written
     * @param extra    headers to add to the answer (validated), or {@code null}
     */
    void accept(HttpExchange ex, int protocol, SessionFactory factory,
                Function<EngineSession, EngineIoMessage> greeting, Ready ready, HttpHeaders extra) {
        ChannelHandlerContext ctx = ex.ctx();
        FullHttpRequest req = ex.request();
        String version = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (!"13".equals(version) && !"8".equals(version)) {
            // RFC 6455 (13) and its last draft (8) only, as the reference's ws: no version at all would make
            // Netty answer the pre-standard hixie-75/76 handshakes, which no Engine.IO client speaks.
            refuse.accept(ex);
            return;
        }
        try {
            if (!options.perMessageDeflate() && WebSocketUpgrade.applies(ctx.pipeline())) {
                String key = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
                if (key == null || key.isEmpty()) {
                    refuse.accept(ex);
                    return;
                }
                ex.markAnsweredExternally();
                WebSocketTransport ws = new WebSocketTransport(ctx.channel(), protocol, true);
                EngineSession session = factory.bind(ws);
                EngineIoMessage first = greeting.apply(session);
                WebSocketUpgrade.switchProtocols(ctx, key,
                        EngineIoWebSocketHandler.onBytes(session, ws, options.maxPayload()), extra,
                        first == null ? null : (ByteBuf) ws.encoded(first), whenWritten(session, ws, ready));
                return;
            }
            // With an extension, or an HTTP codec of the application's other than HttpServerCodec: Netty's
            // handshaker, which puts its frame decoder and encoder (and the extension's handlers) in place.
            WebSocketServerHandshakerFactory factoryWs = new WebSocketServerHandshakerFactory(
                    webSocketUrl(ctx, req), null, decoderConfig);
            WebSocketServerHandshaker handshaker = factoryWs.newHandshaker(req);
            ex.markAnsweredExternally();
            WebSocketTransport ws = new WebSocketTransport(ctx.channel(), protocol, !options.perMessageDeflate());
            ChannelPipeline p = ctx.pipeline();
            ChannelFuture handshake;
            try {
                handshake = handshaker.handshake(ctx.channel(), req, extra, ctx.channel().newPromise());
            } catch (WebSocketHandshakeException e) {
                // Refused before it changed the pipeline (no Sec-WebSocket-Key): answered like the reference,
                // and before a session exists, so none is left behind.
                refuse.accept(ex);
                return;
            }
            EngineSession session = factory.bind(ws);
            EngineIoMessage first = greeting.apply(session);
            handshake.addListener(f -> {
                if (f.isSuccess() && first != null) {
                    ws.writeNow(first);
                }
            });
            handshake.addListener(whenWritten(session, ws, ready));
            p.replace(ctx.name(), "eio-ws", EngineIoWebSocketHandler.onFrames(session, ws, options.maxPayload()));
            if (p.get(NotFoundHandler.class) != null) {
                p.remove(NotFoundHandler.class); // no more HTTP requests on this connection
            }
        } finally {
            ex.release();
        }
    }

    /** Calls {@code ready} once the handshake's answer is written, on the session's loop; closes if it failed. */
    private static ChannelFutureListener whenWritten(EngineSession session, WebSocketTransport ws, Ready ready) {
        return f -> {
            if (f.isSuccess()) {
                if (session.loop().inEventLoop()) {
                    ready.ready(session, ws);
                } else {
                    session.execute(() -> ready.ready(session, ws));
                }
            } else {
                log.debug("websocket handshake failed: {}", f.cause().toString());
                f.channel().close();
            }
        };
    }

    private static String webSocketUrl(ChannelHandlerContext ctx, FullHttpRequest req) {
        String host = req.headers().get(HttpHeaderNames.HOST, "localhost");
        boolean tls = ctx.pipeline().get(SslHandler.class) != null;
        return (tls ? "wss://" : "ws://") + host + req.uri();
    }
}
