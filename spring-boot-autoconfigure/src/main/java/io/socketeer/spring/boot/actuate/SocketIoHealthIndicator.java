package io.socketeer.spring.boot.actuate;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.internal.SocketIoServerLifecycle;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the Socket.IO server: up while it runs (down once stopped), with its connected clients, its
 * main namespace's sockets and where it listens.
 */
public class SocketIoHealthIndicator extends AbstractHealthIndicator {

    private final SocketIoServer io;
    private final SocketIoServerLifecycle lifecycle;

    /**
     * Creates the indicator.
     *
     * @param io the server
     * @param lifecycle its lifecycle, or {@code null} for a server the application starts itself
     */
    public SocketIoHealthIndicator(SocketIoServer io, SocketIoServerLifecycle lifecycle) {
        super("Socket.IO health check failed");
        this.io = io;
        this.lifecycle = lifecycle;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean running = lifecycle == null || lifecycle.isRunning();
        (running ? builder.up() : builder.down())
                .withDetail("clients", io.engine().sessionCount())
                .withDetail("sockets", io.sockets().sockets().size())
                .withDetail("path", io.options().engine().path());
        if (io.address() != null) {
            builder.withDetail("port", io.address().getPort());
        } else if (lifecycle != null && lifecycle.isRunning()) {
            builder.withDetail("port", "web server");
        }
    }
}
