package io.socketeer.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Idle WebSocket connections that have joined "/" and answer heartbeats: live heap (after a full collection)
 * and resident memory of the server, per connection above what the server held with none. The baseline is
 * taken after rounds of connections opened and closed, so that what a server loads and compiles once for its
 * connection path (classes, compiled code, the compiler's work areas) is not counted per connection.
 *
 * <p>The Java servers of this family run with {@link #JVM}: after a full collection G1 gives back the free
 * heap beyond 10 % of what it keeps. With its defaults it may keep up to 70 % free, touched and resident, and
 * how much it kept depended on its sizing history, not on the connections: one run read 0.18, 5.77 and 10.4 KB
 * of RSS per connection for the same server code (its live heap 2.26–2.37 KB). Resident memory is read once it
 * stopped falling (G1 gives regions back on a thread of its own), after the C library was told to give back
 * what the JVM freed in its native heap, and each level keeps the lowest of {@value #READINGS} readings: one
 * run read ours 19.5 KB per connection at 1,000 connections and 3.83 at 10,000, where the same code in three
 * other configurations, started the same way, read 2.24–2.39 (its live heap 2.05). That made two idle-only runs
 * steady, not every full run: on a machine whose kernel pages memory out by itself, RSS moves by megabytes with
 * no connection in it (bench/NOTES.md), and the live heap is the figure to compare.
 */
final class IdleScenario {

    static final String SECTION = "Idle WebSocket connections";
    static final String HEAP = "live heap KB per connection";
    static final String RSS = "RSS KB per connection";
    static final String TOTAL = "live heap MB, whole server";
    static final String BASELINE = "no connections";
    /** The JVM flags of this family's Java servers, all alike. */
    static final List<String> JVM = List.of("-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=10");
    private static final int WARM_UP = 2000;
    private static final int WARM_UP_ROUNDS = 3;
    /** Readings per level, each after a full collection; the lowest is kept. */
    private static final int READINGS = 3;

    private final ServerProcess server;
    private final LoadGenerator gen;
    private final Results results;

    IdleScenario(ServerProcess server, LoadGenerator gen, Results results) {
        this.server = server;
        this.gen = gen;
        this.results = results;
    }

    /**
     * @return the resident set, the native heap trimmed ({@link ServerProcess#trimNativeHeap}), once two readings
     *         200 ms apart differ by less than 64 KB (at most 5 s)
     */
    private long settledRss() throws Exception {
        server.trimNativeHeap();
        long last = server.rssBytes();
        for (int i = 0; i < 25; i++) {
            Thread.sleep(200);
            long now = server.rssBytes();
            if (Math.abs(now - last) < 65_536) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** Live heap and resident set, in bytes. */
    private record Reading(long heap, long rss) {
    }

    /**
     * @return the lowest of {@value #READINGS} readings, each after a full collection: one collection did not
     *         always bring the resident set down (one run read ours 17 MB above its other configurations at
     *         1,000 connections and after, its live heap the same)
     */
    private Reading lowest() throws Exception {
        long heap = Long.MAX_VALUE;
        long rss = Long.MAX_VALUE;
        for (int i = 0; i < READINGS; i++) {
            heap = Math.min(heap, server.liveHeapBytes());
            rss = Math.min(rss, settledRss());
        }
        return new Reading(heap, rss);
    }

    static String row(int count) {
        return String.format("%,d connections", count);
    }

    /**
     * Opens connections up to each level in turn and measures at each.
     *
     * @param levels connection counts, ascending
     */
    void run(int... levels) throws Exception {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            Conns.closeAll(gen, Conns.open(gen, 0, Math.min(WARM_UP, levels[0]), 500));
        }
        Thread.sleep(2000); // the closes are handled, the compiler's work areas released
        Reading r0 = lowest();
        long heap0 = r0.heap();
        long rss0 = r0.rss();
        results.put(SECTION, TOTAL, BASELINE, server.server(), heap0 / 1048576.0);
        List<Conn> conns = new ArrayList<>();
        try {
            for (int level : levels) {
                conns.addAll(Conns.open(gen, conns.size(), level - conns.size(), 500));
                Thread.sleep(2000); // deferred work (timers, buffers) settles
                Reading r = lowest();
                long heap = r.heap();
                long rss = r.rss();
                String row = row(level);
                results.put(SECTION, HEAP, row, server.server(), (heap - heap0) / 1024.0 / level);
                results.put(SECTION, RSS, row, server.server(), (rss - rss0) / 1024.0 / level);
                results.put(SECTION, TOTAL, row, server.server(), heap / 1048576.0);
            }
            String hold = System.getenv("BENCH_IDLE_HOLD"); // seconds to keep the connections, e.g. for jmap
            if (hold != null) {
                Log.line("holding " + conns.size() + " idle connections for " + hold + " s");
                Thread.sleep(Long.parseLong(hold) * 1000);
            }
        } finally {
            Conns.closeAll(gen, conns);
        }
    }
}
