package io.socketeer.spring.boot.internal;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.SocketeerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the {@link SocketIoServer} with the application context. In the same-port mode the web
 * server carries the traffic and this only closes the sessions on stop; in the own-port mode it binds
 * {@code socketeer.port} on start.
 *
 * <p>It stops before the web server does (a higher phase), so on a graceful shutdown every client first gets
 * a clean "server shutting down" close while the port still answers, and long-polling requests, which the web
 * server does not know of, never hold its shutdown.
 */
public final class SocketIoServerLifecycle implements SmartLifecycle {

    /** Above the web server's graceful shutdown and stop phases, so this stops first. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(SocketIoServerLifecycle.class);

    private final SocketIoServer io;
    private final SocketeerProperties properties;
    private final SamePortHook samePort;
    private volatile boolean running;
    private volatile boolean ownPort;

    /**
     * Creates the lifecycle.
     *
     * @param io the server
     * @param properties the properties (mode, port, host)
     * @param samePort the Reactor Netty hook, or {@code null} when the application has no Reactor Netty server
     */
    public SocketIoServerLifecycle(SocketIoServer io, SocketeerProperties properties, SamePortHook samePort) {
        this.io = io;
        this.properties = properties;
        this.samePort = samePort;
    }

    @Override
    public void start() {
        SocketeerProperties.ServerMode mode = properties.getMode();
        boolean shared = samePort != null && samePort.applied() && mode != SocketeerProperties.ServerMode.OWN_PORT;
        if (mode == SocketeerProperties.ServerMode.SAME_PORT && !shared) {
            throw new IllegalStateException("socketeer.mode=same-port needs a WebFlux application on Reactor Netty");
        }
        if (shared) {
            log.info("Socket.IO served on the web server's port under {}", io.options().engine().path());
        } else {
            InetSocketAddress address = properties.getHost() == null ? new InetSocketAddress(properties.getPort())
                    : new InetSocketAddress(properties.getHost(), properties.getPort());
            InetSocketAddress bound = io.start(address).join();
            ownPort = true;
            log.info("Socket.IO listening on {} under {}", bound, io.options().engine().path());
        }
        running = true;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            io.close().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Socket.IO server did not close cleanly", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** @return whether the server listens on a port of its own */
    public boolean ownPort() {
        return ownPort;
    }

    /** @return the address of the own-port mode, or {@code null} in the same-port mode or when stopped */
    public InetSocketAddress address() {
        return io.address();
    }
}
