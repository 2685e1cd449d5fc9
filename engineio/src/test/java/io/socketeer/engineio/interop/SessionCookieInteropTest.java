package io.socketeer.engineio.interop;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.SessionCookie;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session cookie as the real engine.io-client keeps it ({@code withCredentials: true} gives it a cookie
 * jar in Node, as a browser has one): the handshake sets it, and every later request of the session, the
 * polls and the WebSocket upgrade, carries it back, which is what a load balancer pins the client by
 * ({@code npm/interop/eio-cookie.js}).
 */
class SessionCookieInteropTest {

    /** A request's target and its Cookie header, as read before the server's handlers. */
    private record Seen(String uri, String cookie) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> sessions = new CopyOnWriteArrayList<>();
    private EngineIoServer server;
    private EventLoopGroup group;
    private Channel listening;

    @BeforeEach
    void start() throws InterruptedException {
        server = EngineIoServer.create(EngineIoOptions.builder().cookie(SessionCookie.defaults()).build(),
                new EngineIoListener() {
                    @Override
                    public void onOpen(EngineIoSession session) {
                        sessions.add(session.id());
                    }

                    @Override
                    public void onMessage(EngineIoSession session, EngineIoMessage message) {
                        session.send(message);
                    }

                    @Override
                    public void onClose(EngineIoSession session, CloseReason reason, String description) {
                    }
                });
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        listening = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        server.configurePipeline(ch.pipeline());
                        ch.pipeline().addAfter("http-codec", "recorder", new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof HttpRequest req) {
                                    seen.add(new Seen(req.uri(), req.headers().get(HttpHeaderNames.COOKIE)));
                                }
                                ctx.fireChannelRead(msg);
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void stop() {
        listening.close().syncUninterruptibly();
        server.close().join();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void theRealClientSendsTheCookieBackOnEveryRequestOfItsSession() {
        int port = ((InetSocketAddress) listening.localAddress()).getPort();
        try (NodeProcess node = NodeProcess.start("interop/eio-cookie.js", "http://127.0.0.1:" + port)) {
            node.assertScenariosPass(Duration.ofSeconds(30), 1);
        }
        assertEquals(1, sessions.size(), "one session");
        String expected = "io=" + sessions.get(0);
        assertTrue(seen.size() >= 3, "handshake, polls and the upgrade: " + seen);
        assertNull(seen.get(0).cookie(), "the handshake has none yet");
        for (Seen s : seen.subList(1, seen.size())) {
            assertEquals(expected, s.cookie(), "request " + s.uri());
        }
        assertTrue(seen.stream().anyMatch(s -> s.uri().contains("transport=websocket")), "the upgrade: " + seen);
        assertTrue(seen.stream().anyMatch(s -> s.uri().contains("transport=polling") && s != seen.get(0)),
                "a poll after the handshake: " + seen);
    }
}
