package io.socketeer.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A plain TCP proxy on loopback for tests, as a load balancer without stickiness: each accepted connection
 * goes to the port the target supplier names at that moment (round-robin, or a switch), bytes piped both
 * ways; {@link #dropAll()} cuts every current connection as a network failure would. A proxy may add latency
 * toward the backend, as a distant one would: each chunk waits that long before it is passed on.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final IntSupplier target;
    private volatile long latencyMillis;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * Starts listening on a free loopback port.
     *
     * @param target names the backend port for each new connection; a negative port refuses it
     */
    TcpProxy(IntSupplier target) {
        this(target, Duration.ZERO);
    }

    private TcpProxy(IntSupplier target, Duration latency) {
        this.target = target;
        this.latencyMillis = latency.toMillis();
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A proxy that sends each new connection to the next port of a list, in turn.
     *
     * @param ports the backends (read at each connection, so the list may change)
     * @return the proxy
     */
    static TcpProxy roundRobin(List<Integer> ports) {
        AtomicInteger next = new AtomicInteger();
        return new TcpProxy(() -> ports.isEmpty() ? -1 : ports.get(Math.floorMod(next.getAndIncrement(), ports.size())));
    }

    /**
     * A proxy to one backend whose requests arrive late: what a client sends reaches the backend after the
     * latency (the answers come back at once).
     *
     * @param port the backend
     * @param latency how late
     * @return the proxy
     */
    static TcpProxy withLatency(int port, Duration latency) {
        return new TcpProxy(() -> port, latency);
    }

    /**
     * Changes the latency toward the backend from the next chunk on.
     *
     * @param latency how late requests arrive from now on
     */
    void latency(Duration latency) {
        latencyMillis = latency.toMillis();
    }

    /** @return the port clients connect to */
    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket in;
            try {
                in = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            int port = target.getAsInt();
            Socket out = new Socket();
            try {
                if (port < 0) {
                    throw new IOException("no backend");
                }
                out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            } catch (IOException e) {
                closeQuietly(in);
                closeQuietly(out);
                continue;
            }
            open.add(in);
            open.add(out);
            pipe(in, out, true);
            pipe(out, in, false);
        }
    }

    private void pipe(Socket from, Socket to, boolean towardBackend) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                int n;
                while ((n = i.read(buf)) >= 0) {
                    long delayMillis = towardBackend ? latencyMillis : 0;
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis); // the latency this proxy adds, not a wait for a condition
                    }
                    o.write(buf, 0, n);
                    o.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** Cuts every current connection (resets, without a WebSocket close). */
    void dropAll() {
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException e) {
                // already closed
            }
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        dropAll();
    }
}
