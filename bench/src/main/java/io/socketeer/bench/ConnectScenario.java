package io.socketeer.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Connects: a bounded number of clients at a time open a session, join "/" and close (TCP close, as a client
 * that goes away), WebSocket-direct or polling→upgrade; then a reconnect storm, where every client of a
 * populated server drops at once and all reconnect at once. The figure is server CPU per connect, disconnect
 * included.
 */
final class ConnectScenario {

    static final String SECTION = "Connects";
    static final String CPU = "server CPU µs per connect";
    static final String JIT = "… of which the JIT compiler's (code still being compiled)";
    static final String WS = "WebSocket direct";
    static final String POLLING = "polling → upgrade (+1 echo)";

    private final ServerProcess server;
    private final LoadGenerator gen;
    private final Results results;
    private int nextIndex;

    ConnectScenario(ServerProcess server, LoadGenerator gen, Results results) {
        this.server = server;
        this.gen = gen;
        this.results = results;
    }

    /**
     * Connects and disconnects clients, {@code parallel} at a time: warm-up rounds, then the measured window.
     *
     * @param polling  polling→upgrade instead of WebSocket-direct
     * @param warmUp   connects per warm-up round (rounds go on until the JIT compiler is done)
     * @param total    connects in the window
     * @param parallel connects in flight
     */
    void churn(boolean polling, int warmUp, int total, int parallel) throws Exception {
        warmUp(polling, warmUp, parallel);
        window(polling, total, parallel);
    }

    /**
     * Connects and disconnects clients, {@code parallel} at a time, in warm-up rounds until the JIT compiler is
     * done ({@link #warmUp(IntFunction, int, int)}).
     *
     * @param polling  polling→upgrade instead of WebSocket-direct
     * @param round    connects per round
     * @param parallel connects in flight
     */
    void warmUp(boolean polling, int round, int parallel) throws Exception {
        warmUp(connector(polling), round, parallel);
    }

    private IntFunction<CompletableFuture<Conn>> connector(boolean polling) {
        return polling ? gen::pollingUpgrade : gen::webSocket;
    }

    /**
     * The measured window: connects and disconnects {@code total} clients, {@code parallel} at a time. Measured
     * more than once, its figures are the median ({@link Results}).
     *
     * @param polling  polling→upgrade instead of WebSocket-direct
     * @param total    connects in the window
     * @param parallel connects in flight
     */
    void window(boolean polling, int total, int parallel) throws Exception {
        IntFunction<CompletableFuture<Conn>> connect = connector(polling);
        Thread.sleep(500);
        Window w = Window.open(server);
        long t0 = System.nanoTime();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        int[] outcome = churn(connect, total, parallel, latency);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(300); // the last disconnects are handled
        w.close();
        String row = polling ? POLLING : WS;
        results.put(SECTION, CPU, row, server.server(), w.cpuMicrosPer(outcome[0]));
        results.put(SECTION, EchoScenario.USER, row, server.server(), w.userMicrosPer(outcome[0]));
        if (server.server() != Server.NODE) { // V8 compiles on threads of its own, not told apart here
            results.put(SECTION, JIT, row, server.server(), w.jitMicrosPer(outcome[0]));
        }
        results.put(SECTION, "connects per second", row, server.server(), outcome[0] / seconds);
        synchronized (latency) {
            results.put(SECTION, "connect time p50, ms", row, server.server(),
                    latency.getValueAtPercentile(50) / 1e6);
            results.put(SECTION, "connect time p99, ms", row, server.server(),
                    latency.getValueAtPercentile(99) / 1e6);
        }
        double alloc = w.allocPer(outcome[0]);
        if (alloc >= 0) {
            results.put(SECTION, "server KB allocated per connect", row, server.server(), alloc / 1024);
        }
        results.put(SECTION, "failed connects", row, server.server(), outcome[1]);
        results.background(SECTION, row, server.server(), w);
    }

    /**
     * Connects in rounds of {@code round} until the JIT compiler took less than 5 % of the CPU in two rounds in
     * a row (the connect path of a fresh JVM is compiled over its first tens of thousands of connects, and that
     * compilation is not what a connect costs a server that runs; one quiet round can fall between two bursts
     * of compilation), at most 40 rounds. A server without compiler threads (Node) gets two rounds.
     */
    private void warmUp(IntFunction<CompletableFuture<Conn>> connect, int round, int parallel) throws Exception {
        int rounds = server.roundsUntilCompilerQuiet(() -> churn(connect, round, parallel, null), 40);
        Log.line(rounds > 0 ? "  warmed up in " + rounds + " rounds of " + round + " connects"
                : "  the JIT compiler still ran after 40 rounds of " + round + " connects");
    }

    /**
     * @param latency where the time from asking to joined goes (null: nowhere)
     * @return {succeeded, failed}
     */
    private int[] churn(IntFunction<CompletableFuture<Conn>> connect, int total, int parallel, Histogram latency)
            throws Exception {
        Semaphore permits = new Semaphore(parallel);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < total; i++) {
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("connects stalled");
            }
            long asked = System.nanoTime();
            connect.apply(nextIndex++).orTimeout(30, TimeUnit.SECONDS).whenComplete((c, e) -> {
                if (e == null) {
                    if (latency != null) {
                        synchronized (latency) {
                            latency.recordValue(Math.min(System.nanoTime() - asked, latency.getHighestTrackableValue()));
                        }
                    }
                    c.close();
                    ok.incrementAndGet();
                } else {
                    if (failed.incrementAndGet() <= 3) {
                        Log.line("  connect failed: " + e);
                    }
                }
                permits.release();
            });
        }
        if (!permits.tryAcquire(parallel, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("connects stalled");
        }
        return new int[] {ok.get(), failed.get()};
    }

    /**
     * Reconnect storm: {@code count} clients connected, all drop at once and all reconnect at once.
     *
     * @param count clients
     */
    void storm(int count) throws Exception {
        List<Conn> conns = new ArrayList<>(Conns.open(gen, 0, count, 500));
        Thread.sleep(1000);
        Histogram times = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Conn>> again = new ArrayList<>(count);
        Window w = Window.open(server);
        long t0 = System.nanoTime();
        gen.run(() -> conns.forEach(Conn::close));
        for (int i = 0; i < count; i++) {
            again.add(gen.webSocket(i).orTimeout(90, TimeUnit.SECONDS).whenComplete((c, e) -> {
                if (e == null) {
                    times.recordValue(System.nanoTime() - t0); // on the event loop, one thread
                } else {
                    failed.incrementAndGet();
                }
            }));
        }
        conns.clear();
        for (CompletableFuture<Conn> f : again) {
            try {
                conns.add(f.join());
            } catch (RuntimeException e) {
                // counted above
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(500);
        w.close();
        String row = String.format("reconnect storm, %,d clients", count);
        int ok = count - failed.get();
        Histogram h = gen.call(times::copy);
        results.put(SECTION, CPU, row, server.server(), w.cpuMicrosPer(ok));
        results.put(SECTION, EchoScenario.USER, row, server.server(), w.userMicrosPer(ok));
        results.put(SECTION, "connects per second", row, server.server(), ok / seconds);
        double alloc = w.allocPer(ok);
        if (alloc >= 0) {
            results.put(SECTION, "server KB allocated per connect", row, server.server(), alloc / 1024);
        }
        results.put(SECTION, "failed connects", row, server.server(), failed.get());
        results.put(SECTION, "storm: last client in, ms", row, server.server(), h.getMaxValue() / 1e6);
        results.put(SECTION, "storm: p50 client in, ms", row, server.server(), h.getValueAtPercentile(50) / 1e6);
        results.put(SECTION, "storm: p99 client in, ms", row, server.server(), h.getValueAtPercentile(99) / 1e6);
        results.background(SECTION, row, server.server(), w);
        Conns.closeAll(gen, conns);
    }
}
