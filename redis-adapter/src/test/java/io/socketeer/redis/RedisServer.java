package io.socketeer.redis;

import io.socketeer.testkit.Await;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the test's own on a free loopback port, without persistence, that a test may stop
 * and start again on the same port. Registered as a JUnit extension in a static field
 * ({@code @RegisterExtension static final RedisServer redis = RedisServer.perClass();}) it runs for the test
 * class's tests.
 */
final class RedisServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final String BINARY = System.getProperty("test.redis.server", "/usr/bin/redis-server");

    /** Chosen when the test class starts (a static field of a base class serves each subclass in turn). */
    private volatile int port;
    private Process process;

    private RedisServer() {
    }

    /** @return a server started on a free port before the test class's tests, and stopped after them */
    static RedisServer perClass() {
        return new RedisServer();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        up();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        down();
    }

    /** @return the URI for {@code RedisClient.create} */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return the port */
    int port() {
        return port;
    }

    /** Starts the process and waits until it accepts connections. */
    synchronized void up() {
        try {
            process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        Await.until("redis-server on port " + port, Duration.ofSeconds(10), this::accepts);
    }

    /** Kills the process (as a crash would) and waits until the port refuses connections. */
    synchronized void down() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        Await.until("redis-server gone from port " + port, Duration.ofSeconds(10), () -> !accepts());
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        down();
    }
}
