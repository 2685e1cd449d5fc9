package io.socketeer.bench;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Room fan-out: one emitter sends {@code 42["fanout","<32 B>"]}, the server sends {@code 42["fan",…]} to every
 * receiver in the room "room". The emitter keeps a window of broadcasts in flight (it sends the next one when
 * the deliveries counted say the oldest has reached everyone), so no server is fed faster than it delivers and
 * none is left idle: the figure is CPU per delivery at saturation, without a backlog growing in memory.
 *
 * <p>The window is {@value #DELIVERIES_IN_FLIGHT} deliveries (40 broadcasts at 100 receivers, 4 at 1,000, 2 at
 * 10,000), or a given number of broadcasts. How many broadcasts a server finds waiting when it reads decides
 * how many frames it can give each receiver per write, and a write to a socket costs far more than the frame:
 * a server that writes once per delivery does not care, one that writes a receiver's frames together does.
 */
final class FanoutScenario {

    static final String SECTION = "Room fan-out";
    static final String CPU = "server CPU µs per delivery";
    /** The window when no number of broadcasts is given: this many deliveries, at least 2 broadcasts. */
    static final int DELIVERIES_IN_FLIGHT = 4000;
    private static final ByteBuf JOIN = Frames.text(Frames.event(-1, "join", "room"));
    private static final ByteBuf PROBE = Frames.text(Frames.event(-1, "fanout", "probe"));
    private static final ByteBuf FRAME = Frames.text(Frames.event(-1, "fanout", EchoScenario.payload(32)));

    private final ServerProcess server;
    private final LoadGenerator gen;
    private final Results results;
    private final List<Conn> receivers = new ArrayList<>();
    private Conn emitter;
    // on the generator's event loop only
    private long deliveries;
    private long forgiven;
    private long sent;
    private long stalls;
    private boolean running;
    private int window;
    private boolean warm;

    FanoutScenario(ServerProcess server, LoadGenerator gen, Results results) {
        this.server = server;
        this.gen = gen;
        this.results = results;
    }

    private void delivered(Conn conn, ByteBuf payload) {
        if (!Conn.startsWith(payload, "42")) {
            return;
        }
        deliveries++;
        pump();
    }

    /** Sends broadcasts while fewer than {@code window} are on their way. */
    private void pump() {
        int n = receivers.size();
        while (running && deliveries + forgiven >= (sent - window) * n) {
            emitter.send(FRAME);
            sent++;
        }
    }

    /**
     * @param receivers the room's size
     * @param inFlight  broadcasts in flight, or 0 for {@value #DELIVERIES_IN_FLIGHT} deliveries' worth
     * @return the broadcasts the emitter keeps in flight
     */
    static int window(int receivers, int inFlight) {
        return inFlight > 0 ? inFlight : Math.max(2, DELIVERIES_IN_FLIGHT / receivers);
    }

    /**
     * @param receivers the room's size
     * @param inFlight  broadcasts in flight, or 0 for the usual window
     * @return the row's name, e.g. "1,000 receivers" or "1,000 receivers, 16 broadcasts in flight"
     */
    static String row(int receivers, int inFlight) {
        String row = String.format("%,d receivers", receivers);
        return inFlight > 0 ? row + ", " + inFlight + " broadcasts in flight" : row;
    }

    /**
     * Measures one room size: adds receivers up to it, waits until all have joined, then runs the window.
     *
     * @param count    receivers
     * @param inFlight broadcasts kept in flight, or 0 for {@value #DELIVERIES_IN_FLIGHT} deliveries' worth
     * @param warmUp   seconds before the measurement
     * @param measure  seconds of the measurement
     */
    void run(int count, int inFlight, double warmUp, double measure) throws Exception {
        if (emitter == null) {
            emitter = Conns.open(gen, 0, 1, 1).get(0);
        }
        int before = receivers.size();
        List<Conn> added = Conns.open(gen, before + 1, count - before, 200);
        gen.run(() -> {
            receivers.addAll(added);
            for (Conn c : added) {
                c.listener(this::delivered);
                c.send(JOIN);
            }
        });
        awaitRoom(count);
        Thread.sleep(300);
        ScheduledFuture<?> watchdog = gen.call(() -> {
            deliveries = 0;
            forgiven = 0;
            sent = 0;
            stalls = 0;
            window = window(count, inFlight);
            running = true;
            for (int i = 0; i < window; i++) {
                emitter.send(FRAME);
                sent++;
            }
            long[] last = {-1};
            // a server that drops a broadcast would stall the window: forgive it after 500 ms, and count it
            return gen.loop().scheduleAtFixedRate(() -> {
                if (running && deliveries == last[0]) {
                    stalls++;
                    forgiven += receivers.size();
                    pump();
                }
                last[0] = deliveries;
            }, 500, 500, TimeUnit.MILLISECONDS);
        });
        Conns.sleep(warmUp + (warm ? 0 : 3));
        warm = true;
        Window w = Window.open(server);
        long[] start = gen.call(() -> new long[] {deliveries, sent});
        Conns.sleep(measure);
        long[] end = gen.call(() -> new long[] {deliveries, sent, stalls});
        w.close();
        gen.run(() -> running = false);
        watchdog.cancel(false);
        long d = end[0] - start[0];
        long s = end[1] - start[1];
        String row = row(count, inFlight);
        if (inFlight == 0) {
            results.point(SECTION, row, "32 B", count); // the chart's curve: the usual window only
        }
        results.put(SECTION, CPU, row, server.server(), w.cpuMicrosPer(d));
        results.put(SECTION, EchoScenario.USER, row, server.server(), w.userMicrosPer(d));
        results.put(SECTION, "deliveries per second", row, server.server(), d / w.seconds());
        results.put(SECTION, "server CPU % of its core", row, server.server(), w.cpuPercent());
        double alloc = w.allocPer(d);
        if (alloc >= 0) {
            results.put(SECTION, "server bytes allocated per delivery", row, server.server(), alloc);
        }
        results.put(SECTION, "broadcasts stalled 500 ms", row, server.server(), end[2]);
        results.background(SECTION, row, server.server(), w);
        Thread.sleep(500); // the window in flight drains
        if (s == 0) {
            results.failure(server.server().label() + ": no broadcast completed with " + count + " receivers");
        }
    }

    /** Probes until one broadcast reaches every receiver: all joins are then done, and all probes delivered. */
    private void awaitRoom(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            gen.run(() -> {
                deliveries = 0;
                emitter.send(PROBE);
            });
            Thread.sleep(count >= 5000 ? 500 : 200);
            if (gen.call(() -> deliveries) >= count) {
                return;
            }
        }
        throw new IllegalStateException("the room never reached " + count + " receivers");
    }

    /** Closes the connections. */
    void close() throws Exception {
        if (emitter != null) {
            receivers.add(emitter);
        }
        Conns.closeAll(gen, receivers);
    }
}
