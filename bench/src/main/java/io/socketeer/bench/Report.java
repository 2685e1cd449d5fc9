package io.socketeer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes RESULTS.md: our targets first, then one table per figure, our ratio against each peer. */
final class Report {

    /**
     * The ratio columns of a table, each numerator ÷ denominator, shown when both ran: every server as a multiple
     * of the floor, ours in other configurations against ours, ours against the peers.
     */
    private static final List<Server[]> RATIOS = List.of(
            new Server[] {Server.OURS, Server.FLOOR},
            new Server[] {Server.OURS_POOL, Server.FLOOR},
            new Server[] {Server.OURS_POOL_25, Server.FLOOR},
            new Server[] {Server.OURS_IO_URING, Server.FLOOR},
            new Server[] {Server.NETTY_SOCKETIO, Server.FLOOR},
            new Server[] {Server.NODE, Server.FLOOR},
            new Server[] {Server.OURS_POOL, Server.OURS},
            new Server[] {Server.OURS_25, Server.OURS},
            new Server[] {Server.OURS_POOL_25, Server.OURS},
            new Server[] {Server.OURS_POOL_25, Server.OURS_25},
            new Server[] {Server.OURS_IO_URING, Server.OURS},
            new Server[] {Server.OURS, Server.NETTY_SOCKETIO},
            new Server[] {Server.OURS_POOL, Server.NETTY_SOCKETIO},
            new Server[] {Server.OURS_POOL_25, Server.NETTY_SOCKETIO},
            new Server[] {Server.OURS, Server.NODE});
    /** The columns of the codecs section, the default configuration first: the ratios are against it. */
    private static final List<Server> CODECS = List.of(Server.OURS, Server.OURS_MSGPACK, Server.OURS_DEFLATE);
    /** The fan-out rows the targets judge: 1,000 receivers with the usual window and with more in flight. */
    private static final List<String> FANOUT_ROWS = List.of(FanoutScenario.row(1000, 0),
            FanoutScenario.row(1000, Bench.FANOUT_IN_FLIGHT));

    private final Results results;
    private final StringBuilder md = new StringBuilder();

    private Report(Results results) {
        this.results = results;
    }

    /**
     * @param dir     where RESULTS.md and results.png go
     * @param results the figures
     * @param command the command line that produced them
     * @param started when the run started
     * @param load    the load averages at the start and the end
     */
    static void write(Path dir, Results results, String command, Instant started, String load) throws IOException {
        Report r = new Report(results);
        r.header(command, started, load);
        r.targets();
        r.tables();
        r.notes();
        r.background();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("RESULTS.md"), r.md.toString(), StandardCharsets.UTF_8);
        Chart.write(dir.resolve("results.png"), results);
        Log.line("wrote " + dir.resolve("RESULTS.md") + " and results.png");
    }

    private void header(String command, Instant started, String load) {
        long minutes = Duration.between(started, Instant.now()).toSeconds();
        md.append("# Benchmark results\n\n");
        md.append("Produced by `").append(command).append("` on ")
                .append(started.truncatedTo(ChronoUnit.SECONDS)).append(String.format(" (the run took %d min %02d s).%n%n",
                        minutes / 60, minutes % 60));
        md.append("""
                **How.** Each server runs alone in its own process, pinned to core 0 (`taskset -c 0`), with one I/O \
                thread (both Java servers on Netty's native epoll transport; Node on libuv's epoll), listeners on \
                that thread, no compression, on 127.0.0.1; the load generator (raw WebSocket \
                frames on Netty, pre-encoded and masked once, no client library) runs on core 1 and connects from \
                127.0.0.2–127.0.0.9. Each scenario family (echo, fan-out, connects, idle) gets a fresh server \
                process per server, warmed up before its windows. In the echo and connect families every server runs \
                at once (the idle ones take no CPU) and each window is measured against the servers in turn before \
                the next; the windows the targets compare (echo at 32 B, 10 and 100 clients; WebSocket connects) in \
                three such rounds, the order rotated each round, reported as the median (the target table gives the \
                three values in brackets). The fan-out and idle families take turns server by server; the fan-out \
                generator keeps {deliveries} deliveries in flight ({broadcasts} broadcasts at 1,000 receivers), and a \
                second row at 1,000 receivers keeps {inFlight} broadcasts in flight. The \
                figure to judge is **server CPU per operation**: user + system time of the server process \
                (/proc/&lt;pid&gt;/stat) over a window, divided by the operations completed in it. Throughputs are \
                bounded by the one generator core, and a server that is not saturated spends more CPU per \
                operation (fewer operations per wake-up), so compare CPU per operation at equal load. Live heap \
                is measured right after a full collection, RSS from /proc/&lt;pid&gt;/status once it stops \
                falling (for the Java servers after `jcmd System.trim_native_heap`, which has the C library give \
                back what the JVM freed); each the lowest of three such readings, both per connection above the \
                idle server. The Java servers of the idle family run with \
                `-XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10`, so that after that collection G1 keeps at most \
                10 % of its heap free: with its defaults (up to 70 %) the free heap it kept resident moved RSS per \
                connection by several KB between runs of the same code. Ratio = ours ÷ peer: below 1 is better for CPU, memory and latency, above \
                1 for throughput.

                **Columns.** *ours*: listeners on the I/O thread (`handlersOnEventLoop(true)`), epoll. *ours, default \
                executor*: the default configuration, listeners off the I/O thread on the default handler executor \
                (its cached pool of platform threads; the same on JDK 25). *ours, JDK 25*: listeners on the I/O \
                thread, on JDK 25, so that the default executor on JDK 25 can be set against the same JDK \
                ("default 25 ÷ ours 25": the hand-off alone). *ours, io_uring*: listeners on the I/O thread, \
                Netty's io_uring transport instead of epoll. These four variants run fewer points (echo at 10 and \
                100 clients, 32 B; fan-out to 1,000 with both windows; connects without the storm; 10k idle). \
                *floor*: a bare Netty WebSocket server on one epoll thread answering the generator's frames by \
                prefix, writes flushed once per read batch, no Socket.IO work (bench `FloorServer`): what the \
                transport costs by itself. It knows one room (a broadcast's WebSocket frame encoded once and \
                written to every member, the members flushed once per read batch of the sender) and no polling. \
                "X ÷ floor" is X as a multiple of the floor.

                """.replace("{deliveries}", String.format("%,d", FanoutScenario.DELIVERIES_IN_FLIGHT))
                .replace("{broadcasts}", String.valueOf(FanoutScenario.window(1000, 0)))
                .replace("{inFlight}", String.valueOf(Bench.FANOUT_IN_FLIGHT)));
        md.append("**Machine.** ").append(machine()).append(". The bench ran at nice ").append(niceness())
                .append(". Load average (1, 5, 15 min) ").append(load)
                .append(". This machine is shared: the table at the end gives the CPU other processes took during ")
                .append("each window.\n\n");
        md.append("**Versions.** Ours: this repository (Netty ").append(nettyVersion()).append("), listeners on ")
                .append("the event loop (`handlersOnEventLoop(true)`, `ioThreads(1)`). netty-socketio 2.0.14 from ")
                .append("Maven Central (on its Netty 4.1.130, one boss and one worker thread). Node ")
                .append(cmd("node", "--version").trim()).append(" with socket.io ").append(socketIoVersion())
                .append(" from npm. Both Java servers run with `").append(String.join(" ", Server.JAVA_FLAGS))
                .append("` on ").append(cmd("java", "-version").lines().findFirst().orElse("?").trim())
                .append(", the JDK 25 variants on ")
                .append(cmd(Server.JDK25 + "/bin/java", "-version").lines().findFirst().orElse("?").trim())
                .append("; Node with `--expose-gc`.\n\n");
        if (!results.failures().isEmpty()) {
            md.append("**Failures in this run:**\n\n");
            results.failures().forEach(f -> md.append("- ").append(f).append('\n'));
            md.append('\n');
        }
    }

    private void targets() {
        md.append("## Targets\n\n");
        md.append("| target | value | reference | goal | met |\n|---|---:|---:|---:|---|\n");
        String c = EchoScenario.CLOSED;
        String cpu = EchoScenario.CPU;
        for (Server pool : List.of(Server.OURS_POOL, Server.OURS_POOL_25)) {
            for (String row : List.of("10 clients, 32 B", "100 clients, 32 B")) {
                String what = pool.label() + ", CPU µs per echoed event, " + row;
                target(what, pool, c, cpu, row, Server.OURS, 1.25, false);
                if (pool == Server.OURS_POOL_25 && results.get(c, cpu, row, Server.OURS_25) != null) {
                    // the hand-off alone: against the same server on the same JDK
                    target(what, pool, c, cpu, row, Server.OURS_25, 1.25, false);
                }
                target(what, pool, c, cpu, row, Server.NETTY_SOCKETIO, 0.75, false);
                target(pool.label() + ", events per second, " + row, pool, c, "events per second", row,
                        Server.NETTY_SOCKETIO, 1.0, true);
            }
        }
        for (String row : List.of("10 clients, 32 B", "100 clients, 32 B", "10 clients, 32 B, ack",
                "100 clients, 32 B, ack")) {
            target("ours, CPU µs per event, " + row, Server.OURS, c, cpu, row, Server.FLOOR, 1.0, false);
        }
        for (String row : FANOUT_ROWS) {
            for (Server peer : List.of(Server.NETTY_SOCKETIO, Server.NODE)) {
                target("ours, CPU µs per fan-out delivery, " + row, Server.OURS, FanoutScenario.SECTION,
                        FanoutScenario.CPU, row, peer, 0.1, false);
            }
        }
        String cs = ConnectScenario.SECTION;
        target("ours, CPU µs per WebSocket connect", Server.OURS, cs, ConnectScenario.CPU, ConnectScenario.WS,
                Server.FLOOR, 1.25, false);
        target("ours, CPU µs per WebSocket connect", Server.OURS, cs, ConnectScenario.CPU, ConnectScenario.WS,
                Server.NETTY_SOCKETIO, 0.7, false);
        target("ours, CPU µs per polling→upgrade connect", Server.OURS, cs, ConnectScenario.CPU,
                ConnectScenario.POLLING, Server.NETTY_SOCKETIO, 0.5, false);
        String idle = IdleScenario.row(10_000);
        target("ours, live heap KB per idle WebSocket, 10k", Server.OURS, IdleScenario.SECTION, IdleScenario.HEAP,
                idle, Server.FLOOR, 1.25, false);
        target("ours, RSS KB per idle WebSocket, 10k", Server.OURS, IdleScenario.SECTION, IdleScenario.RSS, idle,
                Server.FLOOR, 1.2, false);
        md.append("| live heap MB at 100k idle WebSockets, extrapolated |");
        extrapolated();
        String rate = String.format("%,d events/s over %d clients, 32 B", 20_000, 100);
        Double p99 = results.get(EchoScenario.OPEN, "latency p99 µs", rate, Server.OURS);
        md.append("| ours, echo latency p99 µs at 20k events/s | ").append(p99 == null ? "–" : fmt(p99))
                .append(" | – | ≤ 2,000 | ").append(p99 == null ? "–" : p99 <= 2000 ? "**yes**" : "no").append(" |\n");
        md.append('\n');
        fanoutFloor();
    }

    /**
     * Under the targets, the fan-out rows' floor: how near the transport alone comes to the fan-out goal, and ours
     * as a multiple of it.
     */
    private void fanoutFloor() {
        StringBuilder line = new StringBuilder();
        for (String row : FANOUT_ROWS) {
            Double floor = results.get(FanoutScenario.SECTION, FanoutScenario.CPU, row, Server.FLOOR);
            Double ours = results.get(FanoutScenario.SECTION, FanoutScenario.CPU, row, Server.OURS);
            Double nsio = results.get(FanoutScenario.SECTION, FanoutScenario.CPU, row, Server.NETTY_SOCKETIO);
            Double node = results.get(FanoutScenario.SECTION, FanoutScenario.CPU, row, Server.NODE);
            if (floor == null || ours == null || nsio == null || node == null) {
                continue;
            }
            line.append(line.isEmpty() ? "The floor on the fan-out rows (the transport alone, no Socket.IO work): "
                    : "; ").append(String.format("%s µs per delivery at %s, %.2f × netty-socketio and %.2f × node, "
                    + "ours %.2f × the floor", fmt(floor), row, floor / nsio, floor / node, ours / floor));
        }
        if (!line.isEmpty()) {
            md.append(line).append(".\n\n");
        }
    }

    /** A target row: a figure of one server against {@code factor} times the same figure of another. */
    private void target(String label, Server who, String section, String figure, String row, Server ref,
                        double factor, boolean atLeast) {
        Double v = results.get(section, figure, row, who);
        Double r = results.get(section, figure, row, ref);
        String goal = (atLeast ? "≥ " : "≤ ") + (r == null ? factor + " × " + ref.label()
                : String.format("%s (%s × %s)", fmt(r * factor), factor, ref.label()));
        String met = v == null || r == null || r == 0 ? "–"
                : (atLeast ? v >= r * factor : v <= r * factor) ? String.format("**yes** (%.2f ×)", v / r)
                : String.format("no: %.2f × %s", v / r, ref.label());
        md.append("| ").append(label).append(" | ")
                .append(v == null ? "–" : fmt(v) + rounds(section, figure, row, who)).append(" | ")
                .append(r == null ? "–" : fmt(r) + rounds(section, figure, row, ref) + " (" + ref.label() + ")")
                .append(" | ").append(goal)
                .append(" | ").append(met).append(" |\n");
    }

    /** @return the values of the rounds of a figure measured in several, e.g. " [7.41, 7.62, 8.10]"; else "" */
    private String rounds(String section, String figure, String row, Server server) {
        List<Double> all = results.samples(section, figure, row, server);
        return all.size() < 2 ? "" : " [" + String.join(", ", all.stream().map(Report::fmt).toList()) + "]";
    }

    /** 100k idle connections under 1 GB of heap: this machine's file limit stops short of 100k, so extrapolate. */
    private void extrapolated() {
        Map<String, Map<Server, Double>> heap = results.sections().getOrDefault(IdleScenario.SECTION, Map.of())
                .getOrDefault(IdleScenario.HEAP, Map.of());
        String last = null;
        for (String row : heap.keySet()) {
            last = row;
        }
        Double perConn = last == null ? null : results.get(IdleScenario.SECTION, IdleScenario.HEAP, last, Server.OURS);
        Double base = results.get(IdleScenario.SECTION, IdleScenario.TOTAL, IdleScenario.BASELINE, Server.OURS);
        Double mb = perConn == null || base == null ? null : base + perConn * 100_000 / 1024;
        md.append(' ').append(mb == null ? "–" : fmt(mb) + " (from " + last + ")").append(" | – | < 1,024 MB | ")
                .append(mb == null ? "–" : mb < 1024 ? "**yes** (extrapolated)" : "no (extrapolated)").append(" |\n");
    }

    private void tables() {
        for (Map.Entry<String, Map<String, Map<String, Map<Server, Double>>>> section : results.sections().entrySet()) {
            md.append("## ").append(section.getKey()).append("\n\n");
            if (section.getKey().equals(CodecScenario.SECTION)) {
                codecs(section.getValue());
                continue;
            }
            if (section.getKey().equals(ClusterScenario.SECTION)
                    || section.getKey().equals(ClusterScenario.STREAMS_SECTION)) {
                if (section.getKey().equals(ClusterScenario.STREAMS_SECTION)) {
                    md.append("With the Redis Streams adapter instead (broadcasts are stream entries, recovery off), "
                            + "same run, same measure:\n\n");
                }
                md.append(ClusterScenario.table(section.getValue()));
                continue;
            }
            for (Map.Entry<String, Map<String, Map<Server, Double>>> figure : section.getValue().entrySet()) {
                Set<Server> present = EnumSet.noneOf(Server.class);
                figure.getValue().values().forEach(v -> present.addAll(v.keySet()));
                List<Server> columns = new ArrayList<>(present);
                List<Server[]> ratios = RATIOS.stream().filter(r -> present.contains(r[0]) && present.contains(r[1]))
                        .toList();
                md.append("**").append(figure.getKey()).append("**\n\n| |");
                columns.forEach(s -> md.append(' ').append(s.label()).append(" |"));
                ratios.forEach(r -> md.append(' ').append(shortLabel(r[0])).append(" ÷ ").append(shortLabel(r[1]))
                        .append(" |"));
                md.append("\n|---|").append("---:|".repeat(columns.size() + ratios.size())).append('\n');
                for (Map.Entry<String, Map<Server, Double>> row : figure.getValue().entrySet()) {
                    md.append("| ").append(row.getKey()).append(" |");
                    for (Server s : columns) {
                        Double v = row.getValue().get(s);
                        md.append(' ').append(v == null ? "–" : fmt(v)).append(" |");
                    }
                    for (Server[] r : ratios) {
                        Double a = row.getValue().get(r[0]);
                        Double b = row.getValue().get(r[1]);
                        md.append(' ').append(a == null || b == null || b == 0 ? "–" : String.format("%.2f", a / b))
                                .append(" |");
                    }
                    md.append('\n');
                }
                md.append('\n');
            }
        }
        md.append("![echo and fan-out curves](results.png)\n\n");
    }

    /** The codecs section: ours in each configuration, each ratio against the default (JSON, uncompressed). */
    private void codecs(Map<String, Map<String, Map<Server, Double>>> figures) {
        md.append("""
                Ours alone, in three configurations, each on a fresh process: the default JSON parser with no \
                compression, the MessagePack parser (`socket.io-msgpack-parser`'s format, binary frames), and JSON \
                with permessage-deflate (the generator compresses each message on its own, the server keeps its \
                context, Netty's level 6). The echo of the echo family, closed loop, with one object argument whose \
                JSON is 32 B or 1 KB of chat-like text; bytes on the wire are the WebSocket frames the generator's \
                sockets read and write, headers included. Ratio = configuration ÷ JSON: below 1 is cheaper.

                """);
        for (Map.Entry<String, Map<String, Map<Server, Double>>> figure : figures.entrySet()) {
            md.append("**").append(figure.getKey()).append("**\n\n| |");
            CODECS.forEach(s -> md.append(' ').append(s == Server.OURS ? "ours, JSON" : s.label()).append(" |"));
            CODECS.subList(1, CODECS.size()).forEach(s -> md.append(' ')
                    .append(s.label().substring(s.label().indexOf(", ") + 2)).append(" ÷ JSON |"));
            md.append("\n|---|").append("---:|".repeat(2 * CODECS.size() - 1)).append('\n');
            for (Map.Entry<String, Map<Server, Double>> row : figure.getValue().entrySet()) {
                md.append("| ").append(row.getKey()).append(" |");
                for (Server s : CODECS) {
                    Double v = row.getValue().get(s);
                    md.append(' ').append(v == null ? "–" : fmt(v)).append(" |");
                }
                Double json = row.getValue().get(Server.OURS);
                for (Server s : CODECS.subList(1, CODECS.size())) {
                    Double v = row.getValue().get(s);
                    md.append(' ').append(v == null || json == null || json == 0 ? "–"
                            : String.format("%.2f", v / json)).append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
    }

    /** bench/NOTES.md, when present: what the figures of the run do not say by themselves (profiles, decisions). */
    private void notes() {
        Path notes = Path.of(System.getProperty("bench.root", "bench"), "NOTES.md");
        if (Files.isRegularFile(notes)) {
            try {
                md.append(Files.readString(notes, StandardCharsets.UTF_8).trim()).append("\n\n");
            } catch (IOException e) {
                md.append("(bench/NOTES.md could not be read: ").append(e.getMessage()).append(")\n\n");
            }
        }
    }

    private void background() {
        md.append("## Background load\n\nCPU taken by other processes of this shared machine (neither the server ")
                .append("under test nor the generator) during each window, in % of one core; the machine has ")
                .append(cmd("nproc", "--all").trim()).append(".\n\n| window |");
        Set<Server> ran = EnumSet.noneOf(Server.class);
        results.background().values().forEach(v -> ran.addAll(v.keySet()));
        List<Server> columns = List.of(Server.values()).stream().filter(ran::contains).toList();
        columns.forEach(s -> md.append(' ').append(s.label()).append(" |"));
        md.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        for (Map.Entry<String, Map<Server, Double>> row : results.background().entrySet()) {
            md.append("| ").append(row.getKey()).append(" |");
            for (Server s : columns) {
                Double v = row.getValue().get(s);
                md.append(' ').append(v == null ? "–" : String.format("%.0f", v)).append(" |");
            }
            md.append('\n');
        }
    }

    /** The name of a server in a ratio's heading. */
    private static String shortLabel(Server s) {
        return switch (s) {
            case OURS_POOL -> "default";
            case OURS_25 -> "ours 25";
            case OURS_POOL_25 -> "default 25";
            case OURS_IO_URING -> "io_uring";
            default -> s.label();
        };
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        return a >= 1000 ? String.format("%,.0f", v) : a >= 100 ? String.format("%.0f", v)
                : a >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    private static String machine() {
        String cpu = cmd("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").trim();
        String mem = cmd("sh", "-c", "grep -m1 MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2").trim();
        String gb = mem.isEmpty() ? "?" : String.valueOf(Math.round(Long.parseLong(mem) / 1048576.0));
        return cmd("nproc", "--all").trim() + " cores (" + cpu + "), " + gb + " GB, " + cmd("uname", "-sr").trim()
                + ", open-file limit " + cmd("sh", "-c", "ulimit -n").trim();
    }

    /** @return the scheduling niceness of this process, which the servers it starts inherit */
    private static String niceness() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]; // field 19, nice
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String nettyVersion() {
        io.netty.util.Version v = io.netty.util.Version.identify().get("netty-common");
        return v == null ? "?" : v.artifactVersion();
    }

    private static String socketIoVersion() {
        String json = cmd("node", "-p", "require(process.argv[1]).version",
                Path.of(System.getProperty("bench.root", "bench"), "node/node_modules/socket.io/package.json")
                        .toAbsolutePath().toString());
        return json.trim();
    }

    static String cmd(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
