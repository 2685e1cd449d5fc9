package io.socketeer.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The echo family against every server at once ({@link Lanes}): each point is measured against the servers in
 * turn before the next point. The points the targets compare (32 B at 10 and 100 clients, with and without ack)
 * are measured in {@value #ROUNDS} rounds, the order of the servers rotated each round, and {@link Results}
 * reports the median.
 */
final class EchoFamily {

    /** Rounds of the compared points (the others: one). */
    static final int ROUNDS = 3;
    /** Connections a server keeps between its windows: those of the open loop. */
    private static final int KEEP = 100;

    private final boolean quick;
    private final int rounds;
    private final Results results;

    /**
     * @param quick   one point of each kind ({@code --quick}): one round
     * @param rounds  rounds of the compared points, e.g. {@link #ROUNDS}
     * @param results where the figures go
     */
    EchoFamily(boolean quick, int rounds, Results results) {
        this.quick = quick;
        this.rounds = quick ? 1 : rounds;
        this.results = results;
    }

    /** @return whether a point is one the targets compare */
    static boolean compared(EchoScenario.Point p) {
        return p.size() == 32 && (p.clients() == 10 || p.clients() == 100);
    }

    /**
     * @return the closed-loop points of a server: ours in another configuration runs the compared points only;
     *         a quick run, 10 clients of them for the main servers
     */
    List<EchoScenario.Point> points(Server server) {
        List<EchoScenario.Point> points = new ArrayList<>();
        boolean variant = server.oursVariant();
        int[] clientCounts = variant ? new int[] {10, 100} : quick ? new int[] {10} : new int[] {1, 10, 100, 1000};
        for (int size : variant || quick ? new int[] {32} : new int[] {32, 1024}) {
            for (boolean ack : new boolean[] {false, true}) {
                for (int clients : clientCounts) {
                    points.add(new EchoScenario.Point(clients, size, ack));
                }
            }
        }
        return points;
    }

    /**
     * Starts every server, runs the points, stops them ({@link Lanes}).
     *
     * @param servers the servers
     * @param root    the bench directory
     * @param port    the first of consecutive ports, one per server
     */
    void run(List<Server> servers, Path root, int port) {
        try (Lanes lanes = Lanes.start(servers, root, port, results)) {
            Map<Lanes.Lane, EchoScenario> echo = new HashMap<>();
            Map<Lanes.Lane, List<EchoScenario.Point>> planned = new HashMap<>();
            TreeSet<EchoScenario.Point> all = new TreeSet<>(EchoFamily::order);
            for (Lanes.Lane l : lanes.active()) {
                echo.put(l, new EchoScenario(l.process(), l.gen(), results));
                planned.put(l, points(l.server()));
                all.addAll(planned.get(l));
            }
            for (EchoScenario.Point p : all) {
                for (int r = 0, n = compared(p) ? rounds : 1; r < n; r++) {
                    for (Lanes.Lane l : lanes.turn(r)) {
                        if (planned.get(l).contains(p)) {
                            lanes.attempt(l, () -> {
                                echo.get(l).closedLoop(p, 1.5, 3);
                                echo.get(l).trim(KEEP);
                            });
                        }
                    }
                }
            }
            for (int rate : quick ? new int[] {20_000} : new int[] {5_000, 20_000}) {
                for (Lanes.Lane l : lanes.active()) {
                    if (!l.server().oursVariant()) {
                        lanes.attempt(l, () -> echo.get(l).openLoop(100, rate, 1.5, quick ? 4 : 6));
                    }
                }
            }
            for (Lanes.Lane l : lanes.active()) {
                lanes.attempt(l, () -> echo.get(l).close());
            }
        }
    }

    /** The order of the points: by size, then without ack before with, then by clients. */
    private static int order(EchoScenario.Point a, EchoScenario.Point b) {
        int c = Integer.compare(a.size(), b.size());
        c = c != 0 ? c : Boolean.compare(a.ack(), b.ack());
        return c != 0 ? c : Integer.compare(a.clients(), b.clients());
    }
}
