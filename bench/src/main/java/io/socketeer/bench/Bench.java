package io.socketeer.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the scenarios against each server, each started here pinned to core 0 (this generator runs on core 1,
 * see run.sh), and writes bench/RESULTS.md and bench/results.png. Server cost is judged as CPU time per
 * operation, read from /proc.
 *
 * <p>usage: Bench [--quick] [--servers ours,netty-socketio,node]
 */
public final class Bench {

    private static final String PAYLOAD = "x".repeat(32);

    private final boolean quick;
    private final Path root;
    /** scenario → server → figures (name → value) */
    private final Map<String, Map<String, Map<String, Double>>> results = new LinkedHashMap<>();

    private Bench(boolean quick, Path root) {
        this.quick = quick;
        this.root = root;
    }

    /**
     * Runs the benchmark.
     *
     * @param args options
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        List<String> servers = List.of("ours", "netty-socketio", "node");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--servers")) {
                servers = List.of(args[i + 1].split(","));
            }
        }
        Bench bench = new Bench(quick, Path.of(System.getProperty("bench.root", "bench")).toAbsolutePath());
        int port = 24000;
        for (String server : servers) {
            bench.runAll(server, port++);
        }
        bench.report();
    }

    private Process start(String server, int port) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "0"));
        List<String> jvm = List.of("java", "-Xmx1g", "-XX:+UseG1GC");
        switch (server) {
            case "ours" -> {
                cmd.addAll(jvm);
                String extra = System.getenv("BENCH_OURS_JVM"); // e.g. a flight recording while profiling
                if (extra != null && !extra.isBlank()) {
                    cmd.addAll(List.of(extra.trim().split("\\s+")));
                }
                cmd.addAll(List.of("-cp", root.resolve("target/classes") + ":" + Files.readString(
                        root.resolve("target/classpath.txt")).trim(), OurServer.class.getName(), String.valueOf(port)));
            }
            case "netty-socketio" -> {
                Path peer = root.resolve("peers/netty-socketio");
                cmd.addAll(jvm);
                cmd.addAll(List.of("-cp", peer.resolve("target/classes") + ":" + Files.readString(
                        peer.resolve("target/classpath.txt")).trim(), "bench.NettySocketIoServer", String.valueOf(port)));
            }
            case "node" -> cmd.addAll(List.of("node", "--expose-gc", root.resolve("node/server.js").toString(),
                    String.valueOf(port)));
            default -> throw new IllegalArgumentException(server);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while ((line = out.readLine()) != null && !line.contains("READY")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(server + " did not start");
            }
        }
        serverOut = out;
        return p;
    }

    private BufferedReader serverOut;

    private interface Scenario {
        void run(long pid, Process process, LoadClient client) throws Exception;
    }

    /** Each scenario gets a fresh server process, so no backlog or heap of one scenario weighs on the next. */
    private void runAll(String server, int port) throws Exception {
        System.out.println("== " + server);
        List<Scenario> scenarios = new ArrayList<>();
        for (int clients : quick ? new int[] {10} : new int[] {1, 10, 100, 1000}) {
            scenarios.add((pid, p, c) -> echo(server, pid, c, clients, false));
        }
        scenarios.add((pid, p, c) -> echo(server, pid, c, 10, true));
        for (int receivers : quick ? new int[] {1000} : new int[] {100, 1000, 10000}) {
            scenarios.add((pid, p, c) -> fanout(server, pid, c, receivers));
        }
        scenarios.add((pid, p, c) -> connects(server, pid, c, quick ? 1000 : 5000));
        scenarios.add((pid, p, c) -> idle(server, pid, p, c, quick ? 2000 : 10000));
        for (Scenario scenario : scenarios) {
            Process p = start(server, port);
            try (LoadClient client = new LoadClient(port)) {
                scenario.run(p.pid(), p, client);
            } finally {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private void put(String scenario, String server, String figure, double value) {
        results.computeIfAbsent(scenario, k -> new LinkedHashMap<>())
                .computeIfAbsent(server, k -> new LinkedHashMap<>()).put(figure, value);
        System.out.printf("  %-28s %-16s %-22s %,.1f%n", scenario, server, figure, value);
    }

    private List<LoadClient.Conn> open(LoadClient client, int n, int offset) throws Exception {
        List<LoadClient.Conn> conns = new ArrayList<>(n);
        for (int start = 0; start < n; start += 200) {
            List<CompletableFuture<LoadClient.Conn>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + 200); i++) {
                batch.add(client.connect(offset + i));
            }
            for (CompletableFuture<LoadClient.Conn> f : batch) {
                conns.add(f.get(30, TimeUnit.SECONDS));
            }
        }
        return conns;
    }

    /** Closed loop: every client has one event in flight; measures throughput, latency and CPU per event. */
    private void echo(String server, long pid, LoadClient client, int clients, boolean ack) throws Exception {
        List<LoadClient.Conn> conns = open(client, clients, 0);
        String event = ack ? "echoack" : "echo";
        AtomicLong count = new AtomicLong();
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long[] sentAt = new long[clients];
        boolean[] running = {true};
        for (int i = 0; i < clients; i++) {
            int k = i;
            LoadClient.Conn c = conns.get(i);
            String frame = ack ? "421[\"" + event + "\",\"" + PAYLOAD + "\"]" : "42[\"" + event + "\",\"" + PAYLOAD + "\"]";
            c.onMessage = m -> {
                long now = System.nanoTime();
                synchronized (latency) {
                    latency.recordValue(Math.min(now - sentAt[k], latency.getHighestTrackableValue()));
                }
                count.incrementAndGet();
                if (running[0]) {
                    sentAt[k] = System.nanoTime();
                    c.send(frame);
                }
            };
            sentAt[k] = System.nanoTime();
            c.send(frame);
        }
        Thread.sleep(quick ? 2000 : 4000); // warm-up (JIT on the server's single core)
        synchronized (latency) {
            latency.reset();
        }
        long n0 = count.get();
        long cpu0 = ProcStats.cpuNanos(pid);
        long t0 = System.nanoTime();
        Thread.sleep(quick ? 4000 : 8000);
        long cpu = ProcStats.cpuNanos(pid) - cpu0;
        long n = count.get() - n0;
        double secs = (System.nanoTime() - t0) / 1e9;
        running[0] = false;
        String scenario = (ack ? "echo+ack " : "echo ") + clients + " clients, 32 B";
        put(scenario, server, "events/s", n / secs);
        put(scenario, server, "server CPU µs/event", cpu / 1000.0 / Math.max(1, n));
        synchronized (latency) {
            put(scenario, server, "p50 µs", latency.getValueAtPercentile(50) / 1000.0);
            put(scenario, server, "p99 µs", latency.getValueAtPercentile(99) / 1000.0);
        }
        conns.forEach(LoadClient.Conn::close);
        Thread.sleep(500);
    }

    /** One emitter sends to a room of receivers at a steady rate; measures CPU per delivery. */
    private void fanout(String server, long pid, LoadClient client, int receivers) throws Exception {
        List<LoadClient.Conn> conns = open(client, receivers + 1, 0);
        AtomicLong deliveries = new AtomicLong();
        for (int i = 1; i < conns.size(); i++) {
            conns.get(i).onMessage = m -> deliveries.incrementAndGet();
            conns.get(i).send("42[\"join\",\"room\"]");
        }
        LoadClient.Conn emitter = conns.get(0);
        // wait until the whole room gets a probe
        long probeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (deliveries.get() < receivers && System.nanoTime() < probeDeadline) {
            deliveries.set(0);
            emitter.send("42[\"fanout\",\"probe\"]");
            Thread.sleep(300);
        }
        int perSecond = Math.max(10, 200_000 / receivers); // keep deliveries within what one generator core counts
        long d0 = deliveries.get();
        long cpu0 = ProcStats.cpuNanos(pid);
        long t0 = System.nanoTime();
        long end = t0 + TimeUnit.SECONDS.toNanos(quick ? 4 : 8);
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - t0) * perSecond / 1_000_000_000L;
            while (sent < due) {
                emitter.send("42[\"fanout\",\"" + PAYLOAD + "\"]");
                sent++;
            }
            Thread.sleep(1);
        }
        Thread.sleep(500);
        long cpu = ProcStats.cpuNanos(pid) - cpu0;
        long d = deliveries.get() - d0;
        double secs = (System.nanoTime() - t0) / 1e9;
        String scenario = "fan-out to " + receivers;
        put(scenario, server, "deliveries/s", d / secs);
        put(scenario, server, "server CPU µs/delivery", cpu / 1000.0 / Math.max(1, d));
        put(scenario, server, "delivered %", 100.0 * d / Math.max(1, sent * receivers));
        conns.forEach(LoadClient.Conn::close);
        Thread.sleep(3000); // let a server that fell behind drain before the next scenario
    }

    /** WebSocket connects, 50 at a time: open, join "/", close. */
    private void connects(String server, long pid, LoadClient client, int total) throws Exception {
        // warm-up: a fifth as many connects, not measured
        for (int start = 0; start < total / 5; start += 50) {
            for (LoadClient.Conn c : open(client, 50, start)) {
                c.close();
            }
        }
        Thread.sleep(1000);
        long cpu0 = ProcStats.cpuNanos(pid);
        long t0 = System.nanoTime();
        int done = 0;
        int failed = 0;
        for (int start = 0; start < total; start += 50) {
            List<CompletableFuture<LoadClient.Conn>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(total, start + 50); i++) {
                batch.add(client.connect(i));
            }
            for (CompletableFuture<LoadClient.Conn> f : batch) {
                try {
                    f.get(30, TimeUnit.SECONDS).close();
                    done++;
                } catch (Exception e) {
                    failed++;
                }
            }
        }
        Thread.sleep(500);
        long cpu = ProcStats.cpuNanos(pid) - cpu0;
        double secs = (System.nanoTime() - t0) / 1e9;
        String scenario = "WebSocket connect";
        put(scenario, server, "connects/s", done / secs);
        put(scenario, server, "server CPU µs/connect", cpu / 1000.0 / Math.max(1, done));
        put(scenario, server, "failed connects", failed);
        Thread.sleep(1000);
    }

    /** Idle connections: resident memory and live heap per connection. */
    private void idle(String server, long pid, Process p, LoadClient client, int n) throws Exception {
        long heap0 = liveHeap(server, pid, p);
        long rss0 = ProcStats.rssBytes(pid);
        List<LoadClient.Conn> conns = open(client, n, 0);
        Thread.sleep(1000);
        long heap = liveHeap(server, pid, p) - heap0;
        long rss = ProcStats.rssBytes(pid) - rss0;
        String scenario = n + " idle WebSocket connections";
        put(scenario, server, "live heap KB/conn", heap / 1024.0 / n);
        put(scenario, server, "RSS KB/conn", rss / 1024.0 / n);
        conns.forEach(LoadClient.Conn::close);
    }

    private long liveHeap(String server, long pid, Process p) throws Exception {
        if (server.equals("node")) {
            p.getOutputStream().write("heap\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            String line;
            while ((line = serverOut.readLine()) != null) {
                if (line.startsWith("HEAP ")) {
                    return Long.parseLong(line.substring(5).trim());
                }
            }
            return -1;
        }
        run("jcmd", String.valueOf(pid), "GC.run");
        String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private void report() throws IOException {
        Results.write(root, results, quick);
    }
}
