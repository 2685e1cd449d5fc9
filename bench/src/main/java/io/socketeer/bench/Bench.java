package io.socketeer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the scenarios against each server and writes RESULTS.md and results.png. Servers take turns family by
 * family (echo, fan-out, connects, idle), each family on a fresh server process, so that a change in the load
 * of this shared machine is less likely to favour one server. The codecs family runs ours only, once per
 * {@link Codec}, each on a fresh process of that variant. The cluster family runs ours only, with the Redis
 * adapter, on one node and then on two ({@link ClusterScenario}).
 *
 * <p>Besides ours in its main configuration (listeners on the I/O thread, epoll), the echo, fan-out, connect and
 * idle families run ours with the default listener executor (on JDK 17 and on JDK 25) and on io_uring, on fewer
 * points, and the floor ({@link FloorServer}), the cost of the transport alone.
 *
 * <p>usage: {@code Bench [--quick] [--servers ours,ours_pool,ours_pool_25,ours_io_uring,floor,netty-socketio,node]
 * [--only echo,fanout,connect,idle,codecs,cluster] [--out DIR]}; bench/run.sh builds everything and starts it on
 * core 1.
 */
public final class Bench {

    private interface Family {
        void run(ServerProcess server, LoadGenerator gen) throws Exception;
    }

    private final boolean quick;
    private final Path root;
    private final List<Server> servers;
    private Results results = new Results(); // replaced while the generator warms up
    private int port = 24_000; // below the ephemeral range (32768–60999 here), a fresh one per server process

    private Bench(boolean quick, Path root, List<Server> servers) {
        this.quick = quick;
        this.root = root;
        this.servers = servers;
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<Server> servers = List.of(Server.OURS, Server.OURS_POOL, Server.OURS_POOL_25, Server.OURS_IO_URING,
                Server.FLOOR, Server.NETTY_SOCKETIO, Server.NODE);
        List<String> only = List.of("echo", "fanout", "connect", "idle", "codecs", "cluster");
        Path root = Path.of(System.getProperty("bench.root", "bench")).toAbsolutePath();
        Path out = root;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--servers" -> servers = List.of(args[++i].split(",")).stream().map(Server::parse).toList();
                case "--only" -> only = List.of(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Instant started = Instant.now();
        String load0 = loadAverage();
        Bench bench = new Bench(quick, root, servers);
        Log.line("bench" + (quick ? " --quick" : "") + ": " + servers + " " + only + ", load average " + load0);
        bench.warmGenerator();
        for (String family : only) {
            bench.family(family);
        }
        String command = "bench/run.sh" + (args.length == 0 ? "" : " " + String.join(" ", args));
        Report.write(out, bench.results, command, started, load0 + " at the start, " + loadAverage() + " at the end");
    }

    private void family(String name) throws Exception {
        switch (name) {
            case "echo" -> each((server, gen) -> echo(new EchoScenario(server, gen, results), server.server()));
            case "fanout" -> each((server, gen) -> {
                if (server.server() == Server.FLOOR) {
                    return; // the floor knows no rooms
                }
                FanoutScenario f = new FanoutScenario(server, gen, results);
                boolean few = quick || server.server().oursVariant();
                for (int receivers : few ? new int[] {1000} : new int[] {100, 1000, 10_000}) {
                    f.run(receivers, 1.5, 3);
                }
                f.close();
            });
            case "connect" -> each((server, gen) -> {
                ConnectScenario c = new ConnectScenario(server, gen, results);
                boolean variant = server.server().oursVariant();
                // warm-ups in rounds until the JIT compiler is done with the connect path (see churn): its
                // compilation would be counted as the server's CPU per connect
                c.churn(false, quick ? 2000 : 4000, quick ? 5000 : 20_000, 50);
                if (server.server() != Server.FLOOR) { // the floor speaks no polling
                    c.churn(true, quick ? 500 : 1000, quick ? 1000 : 3000, 50);
                }
                if (!variant) {
                    c.storm(quick ? 5000 : 10_000);
                }
            });
            case "idle" -> each((server, gen) -> new IdleScenario(server, gen, results)
                    .run(quick || server.server().oursVariant() ? new int[] {10_000} : new int[] {1000, 10_000, 19_000}));
            case "codecs" -> {
                if (servers.contains(Server.OURS)) { // ours only: what a parser or compression costs it
                    for (Codec codec : Codec.values()) {
                        each(codec.server(), (server, gen) -> {
                            CodecScenario c = new CodecScenario(server, gen, results, codec);
                            for (int size : new int[] {32, 1024}) {
                                c.closedLoop(size, 1.5, 3);
                            }
                            c.close();
                        });
                    }
                }
            }
            case "cluster" -> {
                if (servers.contains(Server.OURS)) { // ours only: the Redis adapter's cost, and that it loses nothing
                    String key = "socketeer-bench-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
                    for (boolean streams : new boolean[] {false, true}) { // pub/sub, then Redis Streams
                        for (int nodes : new int[] {1, 2}) {
                            int first = port;
                            port += nodes;
                            try {
                                ClusterScenario.run(root, first, nodes, key + (streams ? "-s" : "-") + nodes, 1000,
                                        quick ? 1.5 : 3, quick ? 3 : 5, results, streams);
                            } catch (Exception e) {
                                results.failure("ours, cluster of " + nodes + (streams ? " (streams)" : "") + ": " + e);
                            }
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown scenario family " + name);
        }
    }

    /**
     * The echo points: each (size, ack) curve over 1–1000 clients, then the fixed-rate latency points; ours in
     * another configuration runs the 32 B points at 10 and 100 clients only.
     */
    private void echo(EchoScenario e, Server server) throws Exception {
        List<EchoScenario.Point> points = new ArrayList<>();
        boolean variant = server.oursVariant();
        if (variant || quick) {
            for (boolean ack : new boolean[] {false, true}) {
                for (int clients : quick && !variant ? new int[] {10} : new int[] {10, 100}) {
                    points.add(new EchoScenario.Point(clients, 32, ack));
                }
            }
        } else {
            for (int size : new int[] {32, 1024}) {
                for (boolean ack : new boolean[] {false, true}) {
                    for (int clients : new int[] {1, 10, 100, 1000}) {
                        points.add(new EchoScenario.Point(clients, size, ack));
                    }
                }
            }
        }
        for (EchoScenario.Point p : points) {
            e.closedLoop(p, 1.5, 3);
        }
        if (!variant) {
            for (int rate : quick ? new int[] {20_000} : new int[] {5_000, 20_000}) {
                e.openLoop(100, rate, 1.5, quick ? 4 : 6);
            }
        }
        e.close();
    }

    /**
     * Runs the echo family against a throwaway floor server before anything is measured. The generator is a
     * JVM too: until its own code is compiled it is slower, so the first server it meets gets fewer events per
     * wake-up and spends more CPU per event (ours measured first read 21 µs per event at 10 clients, 12.4 µs
     * after a whole echo family against the floor; a shorter round of four points was not enough). Nothing of
     * this round is reported.
     */
    private void warmGenerator() throws Exception {
        Log.line("warming the generator: the echo family against a throwaway floor server");
        Results measured = results;
        results = new Results();
        try {
            each(Server.FLOOR, (server, gen) -> echo(new EchoScenario(server, gen, results), server.server()));
        } finally {
            results = measured;
        }
    }

    private void each(Family family) throws Exception {
        for (Server s : servers) {
            each(s, family);
        }
    }

    /** Runs a family against a fresh process of one server; a failure is reported, and the run goes on. */
    private void each(Server server, Family family) {
        int p = port++;
        Log.line("== " + server.label() + " on port " + p);
        try (ServerProcess sp = ServerProcess.start(server, root, p); LoadGenerator gen = new LoadGenerator(p)) {
            family.run(sp, gen);
        } catch (Exception e) {
            results.failure(server.label() + ": " + e);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
