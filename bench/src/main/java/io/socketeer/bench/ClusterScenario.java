package io.socketeer.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.buffer.ByteBuf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Room fan-out through the Redis adapter (ours only): the broadcast of {@link FanoutScenario}, on one server
 * process with the adapter, then on two with the same key, the receivers split evenly between them and the emitter
 * on node 1, so that node 2 delivers what reaches it through Redis. The emitter keeps a window of broadcasts in
 * flight as {@link FanoutScenario} does.
 *
 * <p>Every broadcast carries its number ({@link #argument}), and every receiver checks that it gets them all, once
 * each, in order: a gap counts as lost deliveries, a number seen again or too late as a duplicated one, and the
 * numbers a receiver still lacks once the run has drained count as lost too. The server figures are sums over
 * the nodes' processes; what Redis spends is read from its {@code INFO cpu} (the whole Redis process: whatever
 * else uses that Redis is counted too).
 */
final class ClusterScenario {

    static final String SECTION = "Cluster broadcast through Redis (ours)";
    /** The same measure with the Redis Streams adapter (recovery off: the events carry no offset). */
    static final String STREAMS_SECTION = "Cluster broadcast through Redis Streams (ours)";
    static final String RATE = "deliveries per second";
    static final String CPU = "server CPU µs per delivery, all nodes";
    static final String REDIS_CPU = "Redis CPU µs per delivery";
    static final String BROADCASTS = "broadcasts sent";
    static final String LOST = "deliveries lost";
    static final String DUPLICATED = "deliveries duplicated or out of order";
    static final String STALLS = "broadcasts stalled 500 ms";
    /** The figures that are counts of a check, which get no ratio. */
    static final List<String> COUNTS = List.of(BROADCASTS, LOST, DUPLICATED, STALLS);
    /** The length of a broadcast's argument, as the 32 B of {@link FanoutScenario}. */
    static final int SIZE = 32;

    private static final String FAN = "42[\"fan\",\"";
    private static final ByteBuf JOIN = Frames.text(Frames.event(-1, "join", "room"));
    private static final ByteBuf PROBE = Frames.text(Frames.event(-1, "fanout", "probe"));

    private final List<ServerProcess> nodes;
    private final LoadGenerator gen;
    private final Results results;
    private final String redisUrl;
    private final String section;
    private final List<Conn> receivers = new ArrayList<>();
    private final int[] perNode;
    private Conn emitter;
    // on the generator's event loop only
    private long deliveries;
    private long probes;
    private long forgiven;
    private long sent;
    private long stalls;
    private long lost;
    private long duplicated;
    private boolean running;
    private int window;

    ClusterScenario(List<ServerProcess> nodes, LoadGenerator gen, Results results, String redisUrl) {
        this(nodes, gen, results, redisUrl, SECTION);
    }

    ClusterScenario(List<ServerProcess> nodes, LoadGenerator gen, Results results, String redisUrl, String section) {
        this.section = section;
        this.nodes = nodes;
        this.gen = gen;
        this.results = results;
        this.redisUrl = redisUrl;
        this.perNode = new int[nodes.size()];
    }

    /** @return deliveries, lost and duplicated deliveries counted so far (on the generator's event loop) */
    long[] counts() {
        return new long[] {deliveries, lost, duplicated};
    }

    /** @return the row of a cluster size: "1 node", "2 nodes" */
    static String row(int nodes) {
        return nodes == 1 ? "1 node" : nodes + " nodes";
    }

    /** @return the argument of broadcast number {@code seq}: the number, zero-padded to {@value #SIZE} digits */
    static String argument(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("negative: " + seq);
        }
        return String.format("%0" + SIZE + "d", seq);
    }

    /**
     * @param payload a message a receiver got
     * @return the number of the broadcast {@code 42["fan","000…0123"]} it is, or -1 for any other message
     *         (probes, a mangled number)
     */
    static long sequence(ByteBuf payload) {
        if (!Conn.startsWith(payload, FAN)) {
            return -1;
        }
        int end = payload.writerIndex();
        int i = payload.readerIndex() + FAN.length();
        long value = 0;
        int digits = 0;
        for (; i < end; i++) {
            byte b = payload.getByte(i);
            if (b == '"') {
                break;
            }
            if (b < '0' || b > '9' || value > (Long.MAX_VALUE - (b - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (b - '0');
            digits++;
        }
        boolean closed = i + 2 == end && payload.getByte(i) == '"' && payload.getByte(i + 1) == ']';
        return closed && digits > 0 ? value : -1;
    }

    /**
     * Splits receivers among nodes as evenly as possible, the first nodes taking the remainder.
     *
     * @return how many receivers each node gets
     */
    static int[] split(int receivers, int nodes) {
        int[] counts = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            counts[i] = receivers / nodes + (i < receivers % nodes ? 1 : 0);
        }
        return counts;
    }

    /**
     * Starts {@code nodes} processes of our server with the Redis adapter and one key on consecutive ports,
     * measures one point, and stops them.
     *
     * @param root      the bench directory
     * @param firstPort the port of node 1; node i listens on firstPort + i − 1
     * @param nodes     how many server processes
     * @param key       the adapter's key, unique to this point of this run
     * @param receivers receivers in the room, over all nodes
     * @param warmUp    seconds before the window
     * @param measure   seconds of the window
     * @param results   where the figures go
     */
    static void run(Path root, int firstPort, int nodes, String key, int receivers, double warmUp, double measure,
            Results results) throws Exception {
        run(root, firstPort, nodes, key, receivers, warmUp, measure, results, false);
    }

    /**
     * Same, with the Redis Streams adapter when {@code streams}.
     *
     * @param root      the repository
     * @param firstPort the first node's port
     * @param nodes     how many nodes
     * @param key       the cluster's key (stream name and prefix for the streams adapter)
     * @param receivers clients in the room
     * @param warmUp    seconds before the window
     * @param measure   seconds of the window
     * @param results   where the figures go
     * @param streams   whether the nodes use the Redis Streams adapter
     * @throws Exception if a node cannot start
     */
    static void run(Path root, int firstPort, int nodes, String key, int receivers, double warmUp, double measure,
            Results results, boolean streams) throws Exception {
        String url = System.getenv().getOrDefault("BENCH_REDIS", OurServer.REDIS);
        List<ServerProcess> started = new ArrayList<>();
        List<LoadGenerator> gens = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                Log.line("== ours with the Redis adapter (key " + key + "), node " + (i + 1) + " of " + nodes
                        + " on port " + (firstPort + i));
                started.add(ServerProcess.start(Server.OURS, root, firstPort + i,
                        "ours, node " + (i + 1) + "/" + nodes, List.of((streams ? "streams=" : "redis=") + key)));
                gens.add(i == 0 ? new LoadGenerator(firstPort) : new LoadGenerator(firstPort + i, gens.get(0)));
            }
            ClusterScenario c = new ClusterScenario(started, gens.get(0), results, url,
                    streams ? STREAMS_SECTION : SECTION);
            try {
                c.open(gens, receivers);
                c.measure(warmUp, measure);
            } finally {
                c.close();
            }
        } finally {
            for (int i = gens.size() - 1; i >= 0; i--) {
                gens.get(i).close(); // the one owning the event loop last
            }
            for (ServerProcess sp : started) {
                sp.close();
            }
        }
    }

    private void open(List<LoadGenerator> gens, int count) throws Exception {
        emitter = Conns.open(gens.get(0), 0, 1, 1).get(0);
        int[] counts = split(count, gens.size());
        int index = 1;
        for (int i = 0; i < gens.size(); i++) {
            List<Conn> added = Conns.open(gens.get(i), index, counts[i], 200);
            index += counts[i];
            perNode[i] = counts[i];
            gen.run(() -> {
                receivers.addAll(added);
                for (Conn c : added) {
                    c.seq = 0; // the number of the next broadcast it expects
                    c.listener(this::delivered);
                    c.send(JOIN);
                }
            });
        }
        awaitRoom(count);
        Thread.sleep(300);
    }

    /** A receiver's listener: counts the delivery, checks its number against the one the receiver expects. */
    void delivered(Conn conn, ByteBuf payload) {
        long s = sequence(payload);
        if (s < 0) {
            if (Conn.startsWith(payload, "42")) {
                probes++;
            }
            return;
        }
        deliveries++;
        if (s == conn.seq) {
            conn.seq++;
        } else if (s > conn.seq) {
            lost += s - conn.seq;
            conn.seq = (int) s + 1;
        } else {
            duplicated++;
        }
        pump();
    }

    /** Sends broadcasts while fewer than {@code window} are on their way. */
    private void pump() {
        int n = receivers.size();
        while (running && deliveries + forgiven >= (sent - window) * n) {
            emitter.send(Frames.text(Frames.event(-1, "fanout", argument(sent))));
            sent++;
        }
    }

    /** Probes until one broadcast reaches every receiver on every node: all joins are then done. */
    private void awaitRoom(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            gen.run(() -> {
                probes = 0;
                emitter.send(PROBE);
            });
            Thread.sleep(200);
            if (gen.call(() -> probes) >= count) {
                return;
            }
        }
        throw new IllegalStateException("the room never reached " + count + " receivers on " + nodes.size()
                + " nodes");
    }

    private void measure(double warmUp, double measure) throws Exception {
        int count = receivers.size();
        ScheduledFuture<?> watchdog = gen.call(() -> {
            window = Math.max(4, 8000 / count);
            running = true;
            pump();
            long[] last = {-1};
            // a lost broadcast would stall the window: forgive it after 500 ms, and count it
            return gen.loop().scheduleAtFixedRate(() -> {
                if (running && deliveries == last[0]) {
                    stalls++;
                    forgiven += receivers.size();
                    pump();
                }
                last[0] = deliveries;
            }, 500, 500, TimeUnit.MILLISECONDS);
        });
        Conns.sleep(warmUp + 3); // a fresh JVM per node: the first seconds compile the path
        double redis0 = redisCpuSeconds();
        Window w = Window.open(nodes.toArray(ServerProcess[]::new));
        long start = gen.call(() -> deliveries);
        Conns.sleep(measure);
        long[] end = gen.call(() -> new long[] {deliveries, stalls});
        w.close();
        double redis1 = redisCpuSeconds();
        gen.run(() -> running = false);
        watchdog.cancel(false);
        long[] check = drain();
        long d = end[0] - start;
        String row = row(nodes.size());
        Server s = Server.OURS;
        results.put(section, RATE, row, s, d / w.seconds());
        results.put(section, CPU, row, s, w.cpuMicrosPer(d));
        results.put(section, EchoScenario.USER, row, s, w.userMicrosPer(d));
        results.put(section, "server CPU % of a core, all nodes", row, s, w.cpuPercent());
        if (redis0 >= 0 && redis1 >= 0) {
            results.put(section, REDIS_CPU, row, s, (redis1 - redis0) * 1e6 / Math.max(1, d));
        }
        double alloc = w.allocPer(d);
        if (alloc >= 0) {
            results.put(section, "server bytes allocated per delivery, all nodes", row, s, alloc);
        }
        results.put(section, BROADCASTS, row, s, check[0]);
        results.put(section, LOST, row, s, check[1]);
        results.put(section, DUPLICATED, row, s, check[2]);
        results.put(section, STALLS, row, s, end[1]);
        results.background(section, row, s, w);
        if (d == 0) {
            results.failure("cluster, " + row + ": no broadcast completed");
        }
        if (check[1] > 0 || check[2] > 0) {
            results.failure(String.format("cluster, %s: of %,d broadcasts to %,d receivers (%s), %,d deliveries "
                    + "lost and %,d duplicated or out of order", row, check[0], count, split(), check[1],
                    check[2]));
        }
    }

    /**
     * Waits until the broadcasts sent have reached every receiver (at most 10 s), then counts what each still
     * lacks as lost.
     *
     * @return broadcasts sent, deliveries lost, deliveries duplicated or out of order
     */
    private long[] drain() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
                && gen.call(() -> receivers.stream().anyMatch(c -> c.seq < sent))) {
            Thread.sleep(50);
        }
        return gen.call(() -> {
            long missing = 0;
            for (Conn c : receivers) {
                missing += Math.max(0, sent - c.seq);
            }
            return new long[] {sent, lost + missing, duplicated};
        });
    }

    private String split() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < perNode.length; i++) {
            s.append(i == 0 ? "" : " + ").append(String.format("%,d", perNode[i]));
        }
        return s.append(perNode.length == 1 ? " on one node" : " per node").toString();
    }

    /** @return user + system CPU seconds of the Redis process so far ({@code INFO cpu}), or -1 if unknown */
    private double redisCpuSeconds() {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            double sum = 0;
            for (String line : c.sync().info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    sum += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return sum;
        } catch (RuntimeException e) {
            Log.line("  Redis CPU unknown: " + e);
            return -1;
        } finally {
            client.shutdown();
        }
    }

    private void close() throws Exception {
        if (emitter != null) {
            receivers.add(emitter);
        }
        Conns.closeAll(gen, receivers);
    }

    /**
     * The section of RESULTS.md: one row per cluster size and the ratio of two nodes to one.
     *
     * @param figures figure → row → server, as recorded
     * @return markdown
     */
    static String table(Map<String, Map<String, Map<Server, Double>>> figures) {
        StringBuilder md = new StringBuilder();
        md.append("""
                Ours alone: room fan-out (32 B, the emitter keeps a window of broadcasts in flight) through the \
                Redis adapter, first on one server process with the adapter, then on two with the same key, the \
                receivers split evenly between them and the emitter on node 1; each point on fresh processes \
                with a key of its own. Server CPU is the sum over the nodes' processes; Redis CPU is that of the \
                whole Redis process (from `INFO cpu`). Every receiver checks that it gets every broadcast once, \
                in order. On this benchmark's machine both server processes share core 0, so the 2-node figure \
                shows what the adapter costs and that it delivers everything, not scale-out.

                """);
        md.append("| | ").append(row(1)).append(" | ").append(row(2)).append(" | 2 nodes ÷ 1 node |\n")
                .append("|---|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, Map<Server, Double>>> figure : figures.entrySet()) {
            Double one = figure.getValue().getOrDefault(row(1), Map.of()).get(Server.OURS);
            Double two = figure.getValue().getOrDefault(row(2), Map.of()).get(Server.OURS);
            boolean count = COUNTS.contains(figure.getKey()); // a check, not a cost: whole numbers, no ratio
            md.append("| ").append(figure.getKey()).append(" | ").append(cell(one, count))
                    .append(" | ").append(cell(two, count)).append(" | ")
                    .append(count || one == null || two == null || one == 0 ? "–" : String.format("%.2f", two / one))
                    .append(" |\n");
        }
        md.append('\n');
        return md.toString();
    }

    private static String cell(Double v, boolean count) {
        return v == null ? "–" : count ? String.format("%,.0f", v) : Report.fmt(v);
    }

}
