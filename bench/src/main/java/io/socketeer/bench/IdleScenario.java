package io.socketeer.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Idle WebSocket connections that have joined "/" and answer heartbeats: live heap (after a full collection)
 * and resident memory of the server, per connection above what the server held with none. The baseline is
 * taken after rounds of connections opened and closed, so that what a server loads and compiles once for its
 * connection path (classes, compiled code, the compiler's work areas) is not counted per connection.
 */
final class IdleScenario {

    static final String SECTION = "Idle WebSocket connections";
    static final String HEAP = "live heap KB per connection";
    static final String RSS = "RSS KB per connection";
    static final String TOTAL = "live heap MB, whole server";
    static final String BASELINE = "no connections";
    private static final int WARM_UP = 2000;
    private static final int WARM_UP_ROUNDS = 3;

    private final ServerProcess server;
    private final LoadGenerator gen;
    private final Results results;

    IdleScenario(ServerProcess server, LoadGenerator gen, Results results) {
        this.server = server;
        this.gen = gen;
        this.results = results;
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
        long heap0 = server.liveHeapBytes();
        long rss0 = server.rssBytes();
        results.put(SECTION, TOTAL, BASELINE, server.server(), heap0 / 1048576.0);
        List<Conn> conns = new ArrayList<>();
        try {
            for (int level : levels) {
                conns.addAll(Conns.open(gen, conns.size(), level - conns.size(), 500));
                Thread.sleep(2000); // deferred work (timers, buffers) settles
                long heap = server.liveHeapBytes();
                long rss = server.rssBytes();
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
