package io.socketeer.engineio.internal.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

import java.util.Locale;

/**
 * The socket transport of a standalone server: Linux's native epoll when its library is on the class path
 * ({@code io.netty:netty-transport-native-epoll} with the platform's classifier), else Linux's io_uring when its
 * library is ({@code io.netty:netty-transport-native-io_uring}) and the kernel allows it, Java NIO otherwise.
 * The native transports read and write with fewer system calls and less bookkeeping per event, which is most of
 * the cost of small real-time messages. With both native libraries present, epoll is taken:
 * io_uring has not been shown to do better on the benchmark (bench/RESULTS.md). The system property
 * {@value #PROPERTY} ({@code epoll}, {@code io_uring} or {@code nio}) forces one, falling back to NIO when the one
 * named cannot load.
 *
 * @param ioHandlerFactory creates the event loops' I/O handlers
 * @param serverChannel the listening channel's class
 * @param name {@code "epoll"}, {@code "io_uring"} or {@code "nio"}
 */
public record Transports(IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel,
                         String name) {

    /** The system property that names the transport to use. */
    public static final String PROPERTY = "io.socketeer.transport";

    /**
     * Picks the transport.
     *
     * @param preferNative whether to use a native transport when one is available
     * @return the transport
     */
    public static Transports pick(boolean preferNative) {
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (!preferNative || forced.equals("nio")) {
            return nio();
        }
        boolean epollFirst = !forced.equals("io_uring");
        if (epollFirst && epollAvailable()) {
            return new Transports(EpollIoHandler.newFactory(), EpollServerSocketChannel.class, "epoll");
        }
        if (!forced.equals("epoll") && ioUringAvailable()) {
            return new Transports(IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class, "io_uring");
        }
        return nio();
    }

    private static Transports nio() {
        return new Transports(NioIoHandler.newFactory(), NioServerSocketChannel.class, "nio");
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false; // the optional epoll classes are not on the class path
        }
    }

    private static boolean ioUringAvailable() {
        try {
            return IoUring.isAvailable();
        } catch (LinkageError e) {
            return false; // the optional io_uring classes are not on the class path
        }
    }
}
