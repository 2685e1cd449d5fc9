package io.socketeer.redis;

import io.socketeer.testkit.Await;

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
 * and start again on the same port.
 */
final class RedisServer implements AutoCloseable {

    private static final String BINARY = System.getProperty("test.redis.server", "/usr/bin/redis-server");

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** @return a started server on a free port */
    static RedisServer start() {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisServer r = new RedisServer(port);
        r.up();
        return r;
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
