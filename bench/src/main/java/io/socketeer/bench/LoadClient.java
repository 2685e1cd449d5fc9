package io.socketeer.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The load generator's connections: raw WebSocket frames on Netty, no client library. A connection opens the
 * Engine.IO session, joins the main namespace ({@code 40}), answers pings, and hands every other text frame to
 * its consumer. Source addresses are spread over 127.0.0.2–127.0.0.9 to pass the port limit of one address.
 */
final class LoadClient implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final int port;

    LoadClient(int port) {
        this.port = port;
    }

    /** One connection. */
    static final class Conn extends SimpleChannelInboundHandler<WebSocketFrame> {
        final CompletableFuture<Conn> ready = new CompletableFuture<>();
        volatile Consumer<String> onMessage = m -> { };
        private Channel channel;
        private int state; // 0 waiting for open, 1 waiting for connect reply, 2 ready

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                channel = ctx.channel();
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame text)) {
                return;
            }
            String s = text.text();
            if (s.equals("2")) {
                ctx.writeAndFlush(new TextWebSocketFrame("3"));
            } else if (state == 0 && s.startsWith("0")) {
                state = 1;
                ctx.writeAndFlush(new TextWebSocketFrame("40"));
            } else if (state == 1 && s.startsWith("40")) {
                state = 2;
                ready.complete(this);
            } else if (state == 2) {
                onMessage.accept(s);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ready.completeExceptionally(new IllegalStateException("closed"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ready.completeExceptionally(cause);
            ctx.close();
        }

        void send(String text) {
            channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
        }

        void close() {
            if (channel != null) {
                channel.close();
            }
        }
    }

    CompletableFuture<Conn> connect(int index) {
        Conn conn = new Conn();
        URI uri = URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).version(WebSocketVersion.V13).customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(1 << 20).handleCloseFrames(true).build();
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(config), conn);
                    }
                });
        b.connect(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress("127.0.0." + (2 + index % 8), 0))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        conn.ready.completeExceptionally(f.cause());
                    }
                });
        return conn.ready;
    }

    @Override
    public void close() {
        group.shutdownGracefully().syncUninterruptibly();
    }
}
