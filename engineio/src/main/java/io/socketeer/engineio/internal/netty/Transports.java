package io.socketeer.engineio.internal.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket transport of a standalone server: Linux's native epoll when its library is on the class path
 * ({@code io.netty:netty-transport-native-epoll} with the platform's classifier), Java NIO otherwise. epoll
 * reads and writes with fewer system calls and less bookkeeping per event, which is most of the cost of
 * small real-time messages.
 *
 * @param ioHandlerFactory creates the event loops' I/O handlers
 * @param serverChannel the listening channel's class
 * @param name {@code "epoll"} or {@code "nio"}
 */
public record Transports(IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel,
                         String name) {

    /**
     * Picks the transport.
     *
     * @param preferNative whether to use epoll when it is available
     * @return the transport
     */
    public static Transports pick(boolean preferNative) {
        if (preferNative && epollAvailable()) {
            return new Transports(EpollIoHandler.newFactory(), EpollServerSocketChannel.class, "epoll");
        }
        return new Transports(NioIoHandler.newFactory(), NioServerSocketChannel.class, "nio");
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) {
            return false; // the optional epoll classes are not on the class path
        }
    }
}
