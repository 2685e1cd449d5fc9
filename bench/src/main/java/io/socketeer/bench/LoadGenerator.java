package io.socketeer.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: every connection on one event loop (the generator gets one core), epoll when available.
 * Connections leave from 127.0.0.2–127.0.0.9 in turn so that more than one address's ~28k ephemeral ports are
 * available. Scenarios mutate their state on {@link #loop()} only, and read it back with {@link #call}.
 */
final class LoadGenerator implements AutoCloseable {

    private static final int SOURCE_ADDRESSES = 8;

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Class<? extends Channel> channelClass;
    private final EventLoop loop;
    private final int port;
    private final InetSocketAddress server;
    private final ByteBuf upgradeRequest;
    private final ByteBuf deflateUpgradeRequest;

    /** @param port the server's port on 127.0.0.1 */
    LoadGenerator(int port) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(1, io);
        this.ownsGroup = true;
        this.channelClass = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.loop = group.next();
        this.port = port;
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.upgradeRequest = Frames.upgradeRequest(port, "EIO=4&transport=websocket");
        this.deflateUpgradeRequest = Frames.upgradeRequest(port, "EIO=4&transport=websocket",
                Frames.PERMESSAGE_DEFLATE);
    }

    /**
     * A generator for another server that shares the event loop of {@code sharing} (e.g. the second node of a
     * cluster): the connections to both servers and the scenario's callbacks then run on one thread.
     *
     * @param port    the other server's port on 127.0.0.1
     * @param sharing the generator whose event loop to use; it must be closed after this one
     */
    LoadGenerator(int port, LoadGenerator sharing) {
        this.group = sharing.group;
        this.ownsGroup = false;
        this.channelClass = sharing.channelClass;
        this.loop = sharing.loop;
        this.port = port;
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.upgradeRequest = Frames.upgradeRequest(port, "EIO=4&transport=websocket");
        this.deflateUpgradeRequest = Frames.upgradeRequest(port, "EIO=4&transport=websocket",
                Frames.PERMESSAGE_DEFLATE);
    }

    /** @return the event loop every connection and scenario callback runs on */
    EventLoop loop() {
        return loop;
    }

    /**
     * Opens a WebSocket straight away ({@code transport=websocket}) and joins "/".
     *
     * @param index picks the source address
     * @return completes when joined
     */
    CompletableFuture<Conn> webSocket(int index) {
        return webSocket(index, Codec.JSON);
    }

    /**
     * Opens a WebSocket straight away ({@code transport=websocket}) and joins "/", in a codec.
     *
     * @param index picks the source address
     * @param codec the parser and compression both sides use
     * @return completes when joined
     */
    CompletableFuture<Conn> webSocket(int index, Codec codec) {
        Conn conn = new Conn(false, codec);
        ByteBuf request = codec.extensions() == null ? upgradeRequest : deflateUpgradeRequest;
        connect(index, conn).addListener(f -> {
            if (f.isSuccess()) {
                ((ChannelFuture) f).channel().writeAndFlush(request.retainedDuplicate());
            } else {
                conn.fail(f.cause());
            }
        });
        return conn.ready;
    }

    /**
     * Opens a session over polling, joins "/" over polling, then upgrades to WebSocket and echoes once.
     *
     * @param index picks the source address of both connections
     * @return completes when upgraded
     */
    CompletableFuture<Conn> pollingUpgrade(int index) {
        Conn conn = new Conn(true);
        PollingHandshake polling = new PollingHandshake(port, conn, (c, sid) -> connect(index, c).addListener(f -> {
            if (f.isSuccess()) {
                ((ChannelFuture) f).channel().writeAndFlush(
                        Frames.upgradeRequest(port, "EIO=4&transport=websocket&sid=" + sid));
            } else {
                c.fail(f.cause());
            }
        }));
        connect(index, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), polling);
            }
        }).addListener(f -> {
            if (!f.isSuccess()) {
                conn.fail(f.cause());
            }
        });
        return conn.ready;
    }

    private ChannelFuture connect(int index, ChannelHandler handler) {
        Bootstrap b = new Bootstrap().group(group).channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(handler);
        if (channelClass == EpollSocketChannel.class) {
            // The port is chosen at connect, for the whole address pair, instead of at bind, where the kernel
            // scans for a port no socket holds: with tens of thousands of closed connections in TIME_WAIT from
            // earlier servers that scan made each connect slower, on the generator's one thread, so the
            // connect rate (and with it the server's CPU per connect) depended on which server came first.
            b.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        return b.connect(server, new InetSocketAddress("127.0.0." + (2 + Math.floorMod(index, SOURCE_ADDRESSES)), 0));
    }

    /**
     * Runs a task on the event loop and waits for its result.
     *
     * @param task the task
     * @param <T>  its result type
     * @return its result
     * @throws Exception if it fails or takes more than a minute
     */
    <T> T call(Callable<T> task) throws Exception {
        return loop.submit(task).get(60, TimeUnit.SECONDS);
    }

    /** Runs a task on the event loop and waits for it. */
    void run(Runnable task) throws Exception {
        loop.submit(task).get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
        upgradeRequest.release();
        deflateUpgradeRequest.release();
    }
}
