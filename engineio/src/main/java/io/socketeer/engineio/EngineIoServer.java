package io.socketeer.engineio;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.internal.PlatformDependent;
import io.socketeer.engineio.internal.EngineCore;
import io.socketeer.engineio.internal.netty.EngineIoHttpHandler;
import io.socketeer.engineio.internal.netty.NotFoundHandler;
import io.socketeer.engineio.internal.netty.Transports;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An Engine.IO server: protocol v4 (socket.io-client 3.x/4.x) and v3 (2.x) over HTTP long-polling and
 * WebSocket, with upgrades and heartbeats.
 *
 * <p>Run it standalone:
 * <pre>{@code
 * EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), listener);
 * server.start(3000).join();
 * }</pre>
 * or mount it in your own Netty pipeline, after an {@code HttpServerCodec}, beside other routes:
 * <pre>{@code
 * pipeline.addLast(new HttpServerCodec(), server.newHttpHandler(), new MyOtherRoutes());
 * }</pre>
 * Requests outside {@link EngineIoOptions#path()} pass through the handler untouched.
 */
public final class EngineIoServer {

    /**
     * One read-buffer sizer for every connection: Netty's default configuration makes one per channel, though
     * it keeps no state of its own (each channel gets its own handle from it).
     */
    private static final AdaptiveRecvByteBufAllocator RECV_ALLOCATOR = new AdaptiveRecvByteBufAllocator();

    private final EngineCore core;
    private final Object lock = new Object();
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    private EngineIoServer(EngineIoOptions options, EngineIoListener listener) {
        this.core = new EngineCore(options, listener);
    }

    /**
     * Creates a server; it serves nothing until {@linkplain #start started} or mounted.
     *
     * @param options the options
     * @param listener told of sessions and their messages
     * @return the server
     */
    public static EngineIoServer create(EngineIoOptions options, EngineIoListener listener) {
        return new EngineIoServer(Objects.requireNonNull(options), Objects.requireNonNull(listener));
    }

    /** @return the options */
    public EngineIoOptions options() {
        return core.options();
    }

    /**
     * Returns a new handler for one channel, to add after an {@code HttpServerCodec}. It claims the requests
     * of the Engine.IO path and passes the others on.
     *
     * @return a handler (not sharable: call once per channel)
     */
    public ChannelHandler newHttpHandler() {
        return new EngineIoHttpHandler(core);
    }

    /**
     * Adds the standard HTTP codec and this server's handler to a pipeline.
     *
     * @param pipeline a new channel's pipeline
     */
    public void configurePipeline(ChannelPipeline pipeline) {
        pipeline.addLast("http-codec", new HttpServerCodec(core.options().maxUrlLength(),
                core.options().maxHttpHeaderSize(), 8192));
        addDeflate(pipeline);
        pipeline.addLast("engineio", newHttpHandler());
    }

    private void addDeflate(ChannelPipeline pipeline) {
        if (core.options().perMessageDeflate()) {
            // negotiates permessage-deflate on WebSocket upgrades and compresses frames afterwards
            pipeline.addLast("ws-deflate", new WebSocketServerCompressionHandler(core.options().maxPayload()));
        }
    }

    /**
     * Listens on all interfaces (IPv4 and IPv6).
     *
     * @param port the port, or 0 for any free port
     * @return completes with the bound address
     */
    public CompletableFuture<InetSocketAddress> start(int port) {
        return start(new InetSocketAddress(port));
    }

    /**
     * Listens on an address.
     *
     * @param address the address
     * @return completes with the bound address
     */
    public CompletableFuture<InetSocketAddress> start(InetSocketAddress address) {
        return start(address, 0, p -> { });
    }

    /**
     * Listens on an address, with handlers of the caller's placed before this server's handler (e.g. to
     * serve other routes or files).
     *
     * @param address the address
     * @param ioThreads the number of event loops, 0 for Netty's default (twice the processors)
     * @param before adds the caller's handlers; called once per channel, after the HTTP codec is added
     * @return completes with the bound address
     */
    public CompletableFuture<InetSocketAddress> start(InetSocketAddress address, int ioThreads,
                                                      Consumer<ChannelPipeline> before) {
        CompletableFuture<InetSocketAddress> result = new CompletableFuture<>();
        synchronized (lock) {
            if (serverChannel != null) {
                throw new IllegalStateException("already started");
            }
            Transports transport = Transports.pick(core.options().nativeTransport());
            workerGroup = new MultiThreadIoEventLoopGroup(ioThreads, transport.ioHandlerFactory());
            // The listening socket lives on one of the I/O loops, not on a thread of its own: a connection
            // that loop accepts for itself is registered without waking another thread (with one I/O thread,
            // every one is), and an accepting thread would take the same cores as the loops anyway.
            ServerBootstrap b = new ServerBootstrap()
                    .group(workerGroup, workerGroup)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECV_ALLOCATOR)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ChannelPipeline p = ch.pipeline();
                            if (core.options().sslContext() != null) {
                                p.addLast("tls", core.options().sslContext().newHandler(ch.alloc()));
                            }
                            p.addLast("http-codec", new HttpServerCodec(core.options().maxUrlLength(),
                                    core.options().maxHttpHeaderSize(), 8192));
                            addDeflate(p);
                            before.accept(p);
                            p.addLast("engineio", newHttpHandler());
                            p.addLast("not-found", new NotFoundHandler());
                        }
                    });
            if (!PlatformDependent.canEnableTcpNoDelayByDefault()) {
                // elsewhere every transport's socket config turns Nagle off itself: one setsockopt per connection
                b.childOption(ChannelOption.TCP_NODELAY, true);
            }
            b.bind(address).addListener(f -> {
                if (f.isSuccess()) {
                    Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                    synchronized (lock) {
                        serverChannel = ch;
                    }
                    result.complete((InetSocketAddress) ch.localAddress());
                } else {
                    shutdownGroups();
                    result.completeExceptionally(f.cause());
                }
            });
        }
        return result;
    }

    /**
     * Returns the address a started server listens on.
     *
     * @return the address, or {@code null} if not listening
     */
    public InetSocketAddress address() {
        synchronized (lock) {
            return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
        }
    }

    /** @return the number of open sessions */
    public int sessionCount() {
        return core.sessions().size();
    }

    /**
     * Finds an open session.
     *
     * @param id the sid
     * @return the session or {@code null}
     */
    public EngineIoSession session(String id) {
        return core.session(id);
    }

    /** @return a snapshot of the open sessions */
    public List<EngineIoSession> sessions() {
        return new ArrayList<EngineIoSession>(core.sessions());
    }

    /**
     * Closes every session ({@link CloseReason#SERVER_SHUTDOWN}), stops listening and, for a started
     * server, stops its event loops.
     *
     * @return completes when done
     */
    public CompletableFuture<Void> close() {
        Channel ch;
        synchronized (lock) {
            ch = serverChannel;
            serverChannel = null;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (ch == null) {
            core.shutdown(CloseReason.SERVER_SHUTDOWN).whenComplete((v, e) -> done.complete(null));
            return done;
        }
        // Stop accepting, let every session flush what it has and say goodbye, then stop the event loops,
        // which close the remaining connections (idle keep-alive ones too): no set of every connection is
        // kept for that (it would cost each connection a map entry and a close listener).
        ch.close().addListener(f -> core.shutdown(CloseReason.SERVER_SHUTDOWN).whenComplete((v, e) ->
                shutdownGroups().addListener(s -> done.complete(null))));
        return done;
    }

    private io.netty.util.concurrent.Future<?> shutdownGroups() {
        EventLoopGroup worker;
        synchronized (lock) {
            worker = workerGroup;
            workerGroup = null;
        }
        return worker == null ? io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE.newSucceededFuture(null)
                : worker.shutdownGracefully(0, 2000, TimeUnit.MILLISECONDS);
    }

}
