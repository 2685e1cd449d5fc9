package io.socketeer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the scenarios against each server and writes RESULTS.md and results.png. Each family (echo, fan-out,
 * connects, idle) runs on fresh server processes. In the echo and connect families the servers run at once and
 * take turns window by window ({@link Lanes}, {@link EchoFamily}); in the others they take turns family by
 * family. The codecs family runs ours only, once per {@link Codec}, each on a fresh process of that variant. The
 * cluster family runs ours only, with the Redis adapter, on one node and then on two ({@link ClusterScenario}).
 *
 * <p>Besides ours in its main configuration (listeners on the I/O thread, epoll), the echo, fan-out, connect and
 * idle families run ours with the default listener executor (on JDK 17 and on JDK 25), on the I/O thread on JDK 25
 * and on io_uring, on fewer points, and the floor ({@link FloorServer}), the cost of the transport alone.
 *
 * <p>usage: {@code Bench [--quick]
 * [--servers ours,ours_pool,ours_25,ours_pool_25,ours_io_uring,floor,netty-socketio,node]
 * [--only echo,fanout,connect,idle,codecs,cluster] [--out DIR]}; bench/run.sh builds everything and starts it on
 * core 1.
 */
public final class Bench {

    /** Broadcasts in flight of the fan-out row that has more than the usual window. */
    static final int FANOUT_IN_FLIGHT = 16;

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
        List<Server> servers = List.of(Server.OURS, Server.OURS_POOL, Server.OURS_25, Server.OURS_POOL_25,
                Server.OURS_IO_URING, Server.FLOOR, Server.NETTY_SOCKETIO, Server.NODE);
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
            case "echo" -> {
                new EchoFamily(quick, EchoFamily.ROUNDS, results).run(servers, root, port);
                port += servers.size();
            }
            case "fanout" -> each((server, gen) -> {
                FanoutScenario f = new FanoutScenario(server, gen, results);
                boolean few = quick || server.server().oursVariant();
                for (int receivers : few ? new int[] {1000} : new int[] {100, 1000, 10_000}) {
                    f.run(receivers, 0, 1.5, 3);
                    if (receivers == 1000) { // the same room with more broadcasts waiting (FanoutScenario)
                        f.run(receivers, FANOUT_IN_FLIGHT, 1.5, 3);
                    }
                }
                f.close();
            });
            case "connect" -> connects();
            case "idle" -> each(IdleScenario.JVM, (server, gen) -> new IdleScenario(server, gen, results)
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
     * The connect family, every server at once ({@link Lanes}): each warms up its WebSocket connect path, then
     * the WebSocket windows run in {@value EchoFamily#ROUNDS} rounds, the servers in turn (the targets compare
     * them); then polling→upgrade and the reconnect storm, server by server. Ours in another configuration runs
     * no storm, the floor no polling.
     */
    private void connects() {
        int first = port;
        port += servers.size();
        try (Lanes lanes = Lanes.start(servers, root, first, results)) {
            Map<Lanes.Lane, ConnectScenario> connect = new HashMap<>();
            lanes.active().forEach(l -> connect.put(l, new ConnectScenario(l.process(), l.gen(), results)));
            // warm-ups in rounds until the JIT compiler is done with the connect path: its compilation would be
            // counted as the server's CPU per connect
            int round = quick ? 2000 : 4000;
            int window = quick ? 5000 : 20_000;
            lanes.active().forEach(l -> lanes.attempt(l, () -> connect.get(l).warmUp(false, round, 50)));
            for (int r = 0; r < (quick ? 1 : EchoFamily.ROUNDS); r++) {
                lanes.turn(r).forEach(l -> lanes.attempt(l, () -> connect.get(l).window(false, window, 50)));
            }
            for (Lanes.Lane l : lanes.active()) {
                if (l.server() != Server.FLOOR) { // the floor speaks no polling
                    lanes.attempt(l, () -> connect.get(l).churn(true, quick ? 500 : 1000, quick ? 1000 : 3000, 50));
                }
            }
            for (Lanes.Lane l : lanes.active()) {
                if (!l.server().oursVariant()) {
                    lanes.attempt(l, () -> connect.get(l).storm(quick ? 5000 : 10_000));
                }
            }
        }
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
            new EchoFamily(quick, 1, results).run(List.of(Server.FLOOR), root, port++);
        } finally {
            results = measured;
        }
    }

    private void each(Family family) throws Exception {
        each(List.of(), family);
    }

    private void each(List<String> jvm, Family family) throws Exception {
        for (Server s : servers) {
            each(s, jvm, family);
        }
    }

    private void each(Server server, Family family) {
        each(server, List.of(), family);
    }

    /**
     * Runs a family against a fresh process of one server, with more JVM flags for a Java server; a failure is
     * reported, and the run goes on.
     */
    private void each(Server server, List<String> jvm, Family family) {
        int p = port++;
        Log.line("== " + server.label() + " on port " + p);
        try (ServerProcess sp = ServerProcess.start(server, root, p, jvm); LoadGenerator gen = new LoadGenerator(p)) {
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
