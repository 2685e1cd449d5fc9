package io.socketeer.bench;

import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Echo: every client sends {@code 42["echo","<payload>"]} (or {@code 42<id>["echoack","<payload>"]}) and the
 * server answers it. Closed loop: each client keeps one event in flight, which measures throughput and CPU per
 * event at saturation. Open loop: the generator sends at a fixed total rate whatever the answers, which
 * measures latency at a load the server should sustain. Latency runs from the write of the frame to the read
 * of the answer, both in the generator.
 */
final class EchoScenario {

    static final String CLOSED = "Echo, closed loop";
    static final String OPEN = "Echo at a fixed rate, open loop";
    static final String CPU = "server CPU µs per event";
    static final String USER = "… of which user mode (the rest is the kernel)";

    private static final long MAX_LATENCY = TimeUnit.SECONDS.toNanos(60);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz012345";

    /** One closed-loop point. */
    record Point(int clients, int size, boolean ack) {
        String row() {
            return clients + (clients == 1 ? " client, " : " clients, ") + sizeLabel(size) + (ack ? ", ack" : "");
        }

        String curve() {
            return sizeLabel(size) + (ack ? " ack" : "");
        }
    }

    private final ServerProcess server;
    private final LoadGenerator gen;
    private final Results results;
    private final List<Conn> conns = new ArrayList<>();
    // state of the running point, touched on the generator's event loop only
    private final Histogram latency = new Histogram(MAX_LATENCY, 3);
    private long answers;
    private long sent;
    private boolean running;
    private boolean warm;

    EchoScenario(ServerProcess server, LoadGenerator gen, Results results) {
        this.server = server;
        this.gen = gen;
        this.results = results;
    }

    static String sizeLabel(int size) {
        return size >= 1024 ? size / 1024 + " KB" : size + " B";
    }

    /** The payload of an event: printable ASCII, no JSON escaping. */
    static String payload(int size) {
        StringBuilder s = new StringBuilder(size);
        while (s.length() < size) {
            s.append(ALPHABET, 0, Math.min(ALPHABET.length(), size - s.length()));
        }
        return s.toString();
    }

    /** 64 pre-encoded frames (acknowledgement ids 0–63 when acked) of one point. */
    private static ByteBuf[] frames(int size, boolean ack) {
        ByteBuf[] frames = new ByteBuf[64];
        String arg = payload(size);
        ByteBuf plain = Frames.text(Frames.event(-1, "echo", arg));
        for (int i = 0; i < frames.length; i++) {
            frames[i] = ack ? Frames.text(Frames.event(i, "echoack", arg)) : plain;
        }
        return frames;
    }

    private void ensure(int clients) throws Exception {
        if (conns.size() < clients) {
            conns.addAll(Conns.open(gen, conns.size(), clients - conns.size(), 200));
        }
    }

    /** Answers count and are timed; in closed loop each answer sends the client's next event. */
    private Conn.Listener listener(ByteBuf[] frames, boolean ack, boolean closedLoop) {
        String answer = ack ? "43" : "42";
        return (conn, payload) -> {
            if (!Conn.startsWith(payload, answer)) {
                return;
            }
            long now = System.nanoTime();
            long at = conn.inflight.poll();
            if (at < 0) {
                return;
            }
            latency.recordValue(Math.min(now - at, MAX_LATENCY));
            answers++;
            if (closedLoop && running) {
                conn.inflight.add(now);
                conn.send(frames[conn.seq++ & 63]);
            }
        };
    }

    /**
     * Runs one closed-loop point.
     *
     * @param p       the point
     * @param warmUp  seconds before the window
     * @param measure seconds of the window
     */
    void closedLoop(Point p, double warmUp, double measure) throws Exception {
        ensure(p.clients());
        List<Conn> used = conns.subList(0, p.clients());
        ByteBuf[] frames = frames(p.size(), p.ack());
        Conn.Listener listener = listener(frames, p.ack(), true);
        gen.run(() -> {
            running = true;
            for (Conn c : used) {
                c.listener(listener);
                c.inflight.clear();
                c.inflight.add(System.nanoTime());
                c.send(frames[c.seq++ & 63]);
            }
        });
        warmUp(warmUp);
        Window w = Window.open(server);
        gen.run(this::reset);
        Conns.sleep(measure);
        long n = gen.call(() -> answers);
        Histogram h = gen.call(latency::copy);
        w.close();
        gen.run(() -> running = false);
        drain(used);
        String row = p.row();
        results.point(CLOSED, row, p.curve(), p.clients());
        results.put(CLOSED, CPU, row, server.server(), w.cpuMicrosPer(n));
        results.put(CLOSED, USER, row, server.server(), w.userMicrosPer(n));
        results.put(CLOSED, ConnectScenario.JIT, row, server.server(), w.jitMicrosPer(n));
        results.put(CLOSED, "events per second", row, server.server(), n / w.seconds());
        results.put(CLOSED, "server CPU % of its core", row, server.server(), w.cpuPercent());
        results.put(CLOSED, "server threads' voluntary context switches per event", row, server.server(),
                w.switchesPer(n));
        allocation(CLOSED, row, w, n);
        latencies(CLOSED, row, h);
        results.background(CLOSED, row, server.server(), w);
    }

    /**
     * Runs one open-loop point: a fixed total rate spread evenly over the clients.
     *
     * @param clients connections
     * @param rate    events per second in total
     * @param warmUp  seconds before the window
     * @param measure seconds of the window
     */
    void openLoop(int clients, int rate, double warmUp, double measure) throws Exception {
        ensure(clients);
        List<Conn> used = conns.subList(0, clients);
        ByteBuf frame = frames(32, false)[0];
        Conn.Listener listener = listener(null, false, false);
        long[] start = new long[1];
        ScheduledFuture<?> ticker = gen.call(() -> {
            for (Conn c : used) {
                c.listener(listener);
                c.inflight.clear();
            }
            sent = 0;
            start[0] = System.nanoTime();
            return gen.loop().scheduleAtFixedRate(() -> {
                long due = (System.nanoTime() - start[0]) * rate / 1_000_000_000L;
                while (sent < due) {
                    Conn c = used.get((int) (sent++ % clients));
                    c.inflight.add(System.nanoTime());
                    c.send(frame);
                }
            }, 0, 100, TimeUnit.MICROSECONDS);
        });
        warmUp(warmUp);
        Window w = Window.open(server);
        long sent0 = gen.call(() -> {
            reset();
            return sent;
        });
        Conns.sleep(measure);
        long n = gen.call(() -> answers);
        long s = gen.call(() -> sent) - sent0;
        Histogram h = gen.call(latency::copy);
        w.close();
        ticker.cancel(false);
        drain(used);
        String row = String.format("%,d events/s over %d clients, 32 B", rate, clients);
        results.put(OPEN, "events per second sent", row, server.server(), s / w.seconds());
        results.put(OPEN, "events per second answered", row, server.server(), n / w.seconds());
        results.put(OPEN, CPU, row, server.server(), w.cpuMicrosPer(n));
        results.put(OPEN, USER, row, server.server(), w.userMicrosPer(n));
        results.put(OPEN, ConnectScenario.JIT, row, server.server(), w.jitMicrosPer(n));
        results.put(OPEN, "server CPU % of its core", row, server.server(), w.cpuPercent());
        latencies(OPEN, row, h);
        results.background(OPEN, row, server.server(), w);
    }

    /**
     * Runs the load for a while before a window; then on, a second at a time (at most 20), until the JIT compiler
     * took less than 5 % of the server's CPU in two seconds in a row (one quiet second can fall between two
     * bursts of compilation): a point whose traffic takes new paths (the first
     * one, acks, the open loop's one event per wake-up) makes the compiler work for seconds, and that is not what
     * an event costs a server that runs. A server without compiler threads (Node) only waits.
     */
    private void warmUp(double seconds) throws Exception {
        if (!warm) {
            seconds += 3; // the first point of a fresh server also warms its JIT
            warm = true;
        }
        Conns.sleep(seconds);
        if (server.roundsUntilCompilerQuiet(() -> Conns.sleep(1), 20) < 0) {
            Log.line("  the JIT compiler still ran after 20 s more of warm-up");
        }
    }

    private void reset() {
        latency.reset();
        answers = 0;
    }

    private void allocation(String section, String row, Window w, long n) {
        double alloc = w.allocPer(n);
        if (alloc >= 0) {
            results.put(section, "server bytes allocated per event", row, server.server(), alloc);
        }
    }

    private void latencies(String section, String row, Histogram h) {
        results.put(section, "latency p50 µs", row, server.server(), h.getValueAtPercentile(50) / 1000.0);
        results.put(section, "latency p99 µs", row, server.server(), h.getValueAtPercentile(99) / 1000.0);
        results.put(section, "latency p99.9 µs", row, server.server(), h.getValueAtPercentile(99.9) / 1000.0);
    }

    /** Waits until every event in flight is answered (at most 10 s), so points do not overlap. */
    private void drain(List<Conn> used) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            int pending = gen.call(() -> used.stream().mapToInt(c -> c.inflight.size()).sum());
            if (pending == 0) {
                return;
            }
            Thread.sleep(50);
        }
        Log.line("  " + server.server().label() + ": answers still missing after 10 s");
    }

    /**
     * Closes the connections beyond the first {@code keep}: a server waiting for its turn then holds few, whose
     * heartbeats would otherwise wake it, on the measured server's core, during the others' windows.
     */
    void trim(int keep) throws Exception {
        if (conns.size() > keep) {
            List<Conn> extra = new ArrayList<>(conns.subList(keep, conns.size()));
            conns.subList(keep, conns.size()).clear();
            Conns.closeAll(gen, extra);
        }
    }

    /** Closes the connections. */
    void close() throws Exception {
        Conns.closeAll(gen, conns);
    }
}
