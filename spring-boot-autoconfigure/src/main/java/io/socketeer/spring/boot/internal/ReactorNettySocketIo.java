package io.socketeer.spring.boot.internal;

import io.netty.channel.ChannelPipeline;
import io.socketeer.socketio.SocketIoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Serves Socket.IO on the port of a WebFlux application's Reactor Netty server: each new connection gets the
 * Socket.IO handlers right after Reactor Netty's HTTP codec, ahead of its own HTTP handling, so requests
 * under the Socket.IO path (and their WebSocket upgrades) are answered there and every other request goes on
 * to WebFlux untouched. TLS configured with {@code server.ssl.*} sits before the codec and so covers
 * Socket.IO too.
 *
 * <p>Only HTTP/1.1 connections are served: with {@code server.http2.enabled} Reactor Netty picks the codec
 * after the TLS negotiation, and HTTP/2 connections carry no Socket.IO (the JavaScript client speaks HTTP/1.1
 * to it anyway when the server does).
 */
public final class ReactorNettySocketIo implements NettyServerCustomizer, SamePortHook {

    private static final Logger log = LoggerFactory.getLogger(ReactorNettySocketIo.class);

    private final SocketIoServer io;
    private final boolean enabled;
    private volatile boolean applied;

    /**
     * Creates the customizer.
     *
     * @param io the server whose handlers are added
     * @param enabled whether to add them (not in the own-port mode)
     */
    public ReactorNettySocketIo(SocketIoServer io, boolean enabled) {
        this.io = io;
        this.enabled = enabled;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        if (!enabled) {
            return server;
        }
        applied = true;
        return server.doOnChannelInit((observer, channel, remoteAddress) -> install(channel.pipeline()));
    }

    @Override
    public boolean applied() {
        return applied;
    }

    private void install(ChannelPipeline pipeline) {
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            log.debug("no HTTP/1.1 codec in {}: no Socket.IO on this connection", pipeline.names());
            return;
        }
        SocketIoRouting routing = new SocketIoRouting(io.options().engine().path());
        io.addHandlers(pipeline, NettyPipeline.HttpCodec);
        pipeline.addAfter(NettyPipeline.HttpCodec, "socketio-marker", routing.marker());
        pipeline.addBefore(NettyPipeline.ReactiveBridge, "socketio-bypass", routing.bypass());
    }
}
