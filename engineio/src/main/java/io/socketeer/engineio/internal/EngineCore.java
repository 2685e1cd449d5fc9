package io.socketeer.engineio.internal;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.socketeer.engineio.AllowRequest;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoObserver;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.HandshakeRequest;
import io.socketeer.engineio.InitialHeaders;
import io.socketeer.engineio.SessionCookie;
import io.socketeer.engineio.RandomIds;
import io.socketeer.engineio.Transport;
import io.socketeer.engineio.internal.session.EngineSession;
import io.socketeer.engineio.internal.session.Heartbeats;
import io.socketeer.engineio.internal.transport.HttpExchange;
import io.socketeer.engineio.internal.transport.HttpResponses;
import io.socketeer.engineio.internal.transport.PollingTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.CompletionException;

/**
 * The server side of the protocol that is not tied to one session: request validation in the reference's
 * order, handshakes, and the registry of live sessions. Shared by every channel of a server.
 */
public final class EngineCore {

    private static final Logger log = LoggerFactory.getLogger(EngineCore.class);

    private final EngineIoOptions options;
    private final EngineIoListener listener;
    /** Answers the WebSocket handshakes (its frame decoder configuration is shared by every WebSocket). */
    private final WebSocketAcceptor webSockets;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final RandomIds ids = new RandomIds(18);
    private final Consumer<EngineSession> forget = this::forget; // one for all sessions, not one each
    private final Map<EventLoop, Heartbeats> heartbeats = new ConcurrentHashMap<>();
    private final String pathWithoutSlash;
    private volatile boolean shuttingDown;

    /**
     * Creates the core.
     *
     * @param options the options
     * @param listener the application listener
     */
    public EngineCore(EngineIoOptions options, EngineIoListener listener) {
        this.options = options;
        this.webSockets = new WebSocketAcceptor(options, ex -> fail(ex, true, HttpResponses.BAD_REQUEST, null));
        this.listener = listener;
        String p = options.path();
        this.pathWithoutSlash = p.substring(0, p.length() - 1);
    }

    /** @return the options */
    public EngineIoOptions options() {
        return options;
    }

    /**
     * Tells whether a request path belongs to this server.
     *
     * @param path the decoded path
     * @return whether it is the Engine.IO path or below it
     */
    public boolean matches(String path) {
        return path.startsWith(options.path()) || path.equals(pathWithoutSlash);
    }

    /** @return the live sessions */
    public Collection<EngineSession> sessions() {
        return sessions.values();
    }

    /**
     * Finds a live session.
     *
     * @param id the sid
     * @return the session or {@code null}
     */
    public EngineSession session(String id) {
        return sessions.get(id);
    }

    /**
     * Handles a request of the Engine.IO path, on the channel's event loop. Always answers (now or later)
     * and releases the exchange.
     *
     * @param ex the exchange
     */
    public void handle(HttpExchange ex) {
        try {
            dispatch(ex);
        } catch (RuntimeException e) {
            log.warn("unexpected failure handling {}", ex.request().uri(), e);
            if (!ex.answered()) {
                HttpResponses.error(ex, options.cors(), HttpResponses.BAD_REQUEST, null);
            }
            ex.release();
        }
    }

    private void dispatch(HttpExchange ex) {
        FullHttpRequest req = ex.request();
        boolean upgrade = isWebSocketUpgrade(req);
        if (!upgrade && req.method() == HttpMethod.OPTIONS && options.cors() != null) {
            HttpResponses.preflight(ex, options.cors());
            ex.release();
            return;
        }
        Map<String, String> query = ex.query();
        Transport transport = Transport.fromWireName(query.get("transport"));
        if (transport == null || !options.transports().contains(transport)) {
            fail(ex, upgrade, HttpResponses.UNKNOWN_TRANSPORT, null);
            return;
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && hasInvalidHeaderChar(origin)) {
            fail(ex, upgrade, HttpResponses.BAD_REQUEST, null);
            return;
        }
        String sid = query.get("sid");
        if (sid != null) {
            EngineSession session = sessions.get(sid);
            if (session == null) {
                fail(ex, upgrade, HttpResponses.UNKNOWN_SID, null);
                return;
            }
            // Every request names the protocol revision, not only the handshake: one this server does not
            // speak, or not the session's, is refused as a handshake with it would be (400, code 5).
            if (protocolVersion(query.get("EIO")) != session.protocolVersion()) {
                fail(ex, upgrade, HttpResponses.UNSUPPORTED_PROTOCOL_VERSION, null);
                return;
            }
            if (upgrade) {
                if (transport != Transport.WEBSOCKET) {
                    fail(ex, true, HttpResponses.BAD_REQUEST, null);
                    return;
                }
                upgradeSession(ex, session);
                return;
            }
            if (session.transport() != transport || transport != Transport.POLLING) {
                fail(ex, false, HttpResponses.BAD_REQUEST, null);
                return;
            }
            boolean post = req.method() == HttpMethod.POST;
            if (!post && req.method() != HttpMethod.GET) {
                fail(ex, false, HttpResponses.BAD_REQUEST, null);
                return;
            }
            Runnable task = post ? () -> session.onPollData(ex) : () -> session.onPollRequest(ex);
            if (session.loop().inEventLoop()) {
                task.run();
            } else {
                try {
                    session.loop().execute(task);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    ex.release();
                }
            }
            return;
        }
        if (req.method() != HttpMethod.GET) {
            fail(ex, upgrade, HttpResponses.BAD_HANDSHAKE_METHOD, null);
            return;
        }
        if (transport == Transport.WEBSOCKET && !upgrade) {
            fail(ex, false, HttpResponses.BAD_REQUEST, null);
            return;
        }
        if (upgrade && transport != Transport.WEBSOCKET) {
            // Polling does not handle upgraded requests (the reference closes such a socket); accepting it would
            // open a WebSocket session even when only polling is enabled.
            fail(ex, true, HttpResponses.BAD_REQUEST, null);
            return;
        }
        int protocol = protocolVersion(query.get("EIO"));
        if (protocol == 0) {
            fail(ex, upgrade, HttpResponses.UNSUPPORTED_PROTOCOL_VERSION, null);
            return;
        }
        if (shuttingDown) {
            fail(ex, upgrade, HttpResponses.BAD_REQUEST, null);
            return;
        }
        HandshakeRequest handshake = handshakeRequest(ex, protocol, transport);
        AllowRequest allow = options.allowRequest();
        if (allow == null) {
            handshake(ex, handshake, upgrade);
            return;
        }
        CompletionStage<Boolean> verdict;
        try {
            verdict = allow.check(handshake);
        } catch (RuntimeException e) {
            verdict = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        EventLoop loop = ex.ctx().channel().eventLoop();
        verdict.whenComplete((allowed, error) -> {
            Runnable next = () -> {
                if (error == null && Boolean.TRUE.equals(allowed)) {
                    handshake(ex, handshake, upgrade);
                } else {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    String message = cause instanceof AllowRequest.Denied ? cause.getMessage() : null;
                    if (cause != null && !(cause instanceof AllowRequest.Denied)) {
                        log.warn("allowRequest hook failed", cause);
                    }
                    fail(ex, upgrade, HttpResponses.FORBIDDEN, message);
                }
            };
            if (loop.inEventLoop()) {
                next.run();
            } else {
                try {
                    loop.execute(next);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    ex.release();
                }
            }
        });
    }

    /** @return 4, 3 when Engine.IO v3 is allowed, 0 for any other value of the {@code EIO} parameter */
    private int protocolVersion(String eio) {
        return "4".equals(eio) ? 4 : "3".equals(eio) && options.allowEio3() ? 3 : 0;
    }

    private void handshake(HttpExchange ex, HandshakeRequest handshake, boolean upgrade) {
        if (!ex.ctx().channel().isActive() || shuttingDown) {
            ex.release();
            return;
        }
        EventLoop loop = ex.ctx().channel().eventLoop();
        String id = ids.next();
        HttpHeaders initial = initialHeaders(handshake, id);
        if (upgrade) {
            webSockets.accept(ex, handshake.protocolVersion(), ws -> {
                EngineSession session = new EngineSession(id, handshake.protocolVersion(), loop, handshake, options,
                        listener, ws, forget, heartbeats(loop));
                sessions.put(id, session);
                return session;
            }, EngineSession::openPacket, (session, ws) -> session.start(), initial);
            return;
        }
        ex.responseHeaders(initial);
        PollingTransport polling = new PollingTransport(handshake.protocolVersion(), handshake.query(), options.cors(),
                options.httpCompression() ? options.compressionThreshold() : -1);
        EngineSession session = new EngineSession(id, handshake.protocolVersion(), loop, handshake, options,
                listener, polling, forget, heartbeats(loop));
        sessions.put(id, session);
        try {
            polling.respond(ex, List.of(session.openPacket()));
        } finally {
            ex.release();
        }
        session.start();
    }

    /**
     * The headers a handshake's answer gets besides the protocol's: the session cookie and what the application's
     * hook adds. A hook that fails is logged and its headers dropped; the handshake goes on.
     *
     * @return the headers, or {@code null} for none
     */
    private HttpHeaders initialHeaders(HandshakeRequest handshake, String id) {
        SessionCookie cookie = options.cookie();
        InitialHeaders hook = options.initialHeaders();
        if (cookie == null && hook == null) {
            return null;
        }
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        if (cookie != null) {
            headers.add(HttpHeaderNames.SET_COOKIE, cookie.encode(id));
        }
        if (hook != null) {
            HttpHeaders added = DefaultHttpHeadersFactory.headersFactory().newHeaders();
            try {
                hook.add(handshake, id, added);
                headers.add(added);
            } catch (RuntimeException e) {
                log.warn("initialHeaders hook failed; the handshake is answered without its headers", e);
            }
        }
        return headers.isEmpty() ? null : headers;
    }

    private void upgradeSession(HttpExchange ex, EngineSession session) {
        // Ready runs on the session's loop already: take the probe at once, so that a first frame read before
        // queued tasks run (socket on the same loop) finds it.
        webSockets.accept(ex, session.protocolVersion(), ws -> session, s -> null, (s, ws) -> s.onUpgradeRequest(ws),
                null);
    }

    private void fail(HttpExchange ex, boolean upgrade, int code, String message) {
        log.debug("refused {} {}: {}", ex.request().method(), ex.request().uri(), HttpResponses.message(code));
        if (options.observer() != EngineIoObserver.NONE) {
            String sid = ex.query().get("sid");
            if (sid == null) {
                options.observer().handshakeRefused(HttpResponses.message(code));
            } else if (upgrade) {
                options.observer().upgradeFailed(HttpResponses.message(code));
            }
            HttpResponses.observe(ex, options.observer(), code);
        }
        if (upgrade) {
            // The reference answers a refused upgrade with a bare 400 and closes the connection.
            ex.markAnsweredExternally();
            byte[] body = (message != null ? message : HttpResponses.message(code)).getBytes(StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ex.ctx().writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            HttpResponses.error(ex, options.cors(), code, message);
        }
        ex.release();
    }

    private Heartbeats heartbeats(EventLoop loop) {
        return heartbeats.computeIfAbsent(loop, l -> new Heartbeats(l, options.pingInterval().toNanos(),
                options.pingTimeout().toNanos()));
    }

    private void forget(EngineSession session) {
        sessions.remove(session.id(), session);
    }

    /**
     * Closes every session with the given reason and refuses new ones.
     *
     * @param reason the reason
     * @return completes once every session is closed
     */
    public java.util.concurrent.CompletableFuture<Void> shutdown(CloseReason reason) {
        shuttingDown = true;
        List<java.util.concurrent.CompletableFuture<Void>> done = new ArrayList<>();
        for (EngineSession s : new ArrayList<>(sessions.values())) {
            java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
            done.add(f);
            try {
                s.loop().execute(() -> {
                    try {
                        s.shutdown(reason);
                    } finally {
                        f.complete(null);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                f.complete(null);
            }
        }
        return java.util.concurrent.CompletableFuture.allOf(done.toArray(new java.util.concurrent.CompletableFuture<?>[0]));
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest req) {
        String upgrade = req.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket") && req.method() == HttpMethod.GET;
    }

    private HandshakeRequest handshakeRequest(HttpExchange ex, int protocol, Transport transport) {
        FullHttpRequest req = ex.request();
        String[] headers = new String[req.headers().size() * 2];
        int i = 0;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = req.headers().iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> h = it.next();
            headers[i++] = CommonStrings.canonical(h.getKey().toString().toLowerCase(Locale.ROOT));
            headers[i++] = CommonStrings.canonical(h.getValue().toString());
        }
        if (i < headers.length) {
            headers = Arrays.copyOf(headers, i);
        }
        InetSocketAddress remote = ex.ctx().channel().remoteAddress() instanceof InetSocketAddress a ? a : null;
        InetSocketAddress local = ex.ctx().channel().localAddress() instanceof InetSocketAddress a ? a : null;
        String uri = CommonStrings.canonical(req.uri());
        return new HandshakeRequest(req.method().name(), uri, FlatMap.ofUri(uri, ex.query()),
                new FlatHeaders(headers), remote, local,
                ex.ctx().pipeline().get(SslHandler.class) != null, protocol, transport, System.currentTimeMillis());
    }

    /**
     * The check of Node's HTTP parser on header values: any character outside tab, visible ASCII and
     * obs-text makes the {@code Origin} header invalid.
     */
    private static boolean hasInvalidHeaderChar(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff))) {
                return true;
            }
        }
        return false;
    }
}
