package io.socketeer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an annotated controller of the Spring Boot starter costs per event: the closed-loop echo (10 clients,
 * 32 B, with and without acknowledgement) against our server with plain listeners ({@link OurServer}) and
 * with the same handlers as {@code @OnEvent} methods ({@link AnnotatedEchoServer}), in the same run, the
 * two alternating over several rounds (a fresh process each) so that drift of this shared machine hits both.
 * Run it as run.sh runs {@link Bench} (generator on core 1, servers pinned to core 0):
 * {@code taskset -c 1 java -cp ... io.socketeer.bench.AnnotatedEchoBench [rounds]}. Prints a table and
 * writes it to {@code target/annotated-echo.md}.
 */
public final class AnnotatedEchoBench {

    private static final List<EchoScenario.Point> POINTS = List.of(new EchoScenario.Point(10, 32, false),
            new EchoScenario.Point(10, 32, true));

    private AnnotatedEchoBench() {
    }

    /**
     * Runs the comparison.
     *
     * @param args optionally the number of rounds (default 3)
     * @throws Exception if a server does not start
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path root = Path.of(System.getProperty("bench.root", "bench"));
        int port = 23_000;
        // [variant][point] -> CPU µs, bytes allocated per event of each round
        List<List<List<Double>>> cpu = List.of(empty(), empty());
        List<List<List<Double>>> alloc = List.of(empty(), empty());
        for (int r = 0; r < rounds; r++) {
            for (int variant = 0; variant < 2; variant++) {
                List<String> flags = variant == 0 ? List.of() : List.of("annotated");
                String name = variant == 0 ? "plain listener" : "annotated controller";
                Log.line("== round " + (r + 1) + ", " + name + " on port " + port);
                Results results = new Results();
                try (ServerProcess sp = ServerProcess.start(Server.OURS, root, port, name, flags);
                     LoadGenerator gen = new LoadGenerator(port)) {
                    EchoScenario echo = new EchoScenario(sp, gen, results);
                    for (EchoScenario.Point p : POINTS) {
                        echo.closedLoop(p, 1.5, 3);
                    }
                    echo.close();
                }
                port++;
                for (int i = 0; i < POINTS.size(); i++) {
                    cpu.get(variant).get(i).add(results.get(EchoScenario.CLOSED, EchoScenario.CPU,
                            POINTS.get(i).row(), Server.OURS));
                    Double bytes = results.get(EchoScenario.CLOSED, "server bytes allocated per event",
                            POINTS.get(i).row(), Server.OURS);
                    alloc.get(variant).get(i).add(bytes == null ? Double.NaN : bytes);
                }
            }
        }
        String table = table(cpu, alloc, rounds);
        System.out.println(table);
        Path out = root.resolve("target/annotated-echo.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static List<List<Double>> empty() {
        List<List<Double>> l = new ArrayList<>();
        for (int i = 0; i < POINTS.size(); i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static String table(List<List<List<Double>>> cpu, List<List<List<Double>>> alloc, int rounds) {
        // Other processes of a shared machine only ever add CPU time to a window: the best round is the
        // least disturbed one, the median shows how much the disturbance moved the rest.
        StringBuilder b = new StringBuilder("Echo through an annotated controller, " + Instant.now() + ", "
                + rounds + " rounds (server CPU µs per event)\n\n"
                + "| | plain, best | annotated, best | ratio | plain, median | annotated, median | ratio |"
                + " rounds (plain / annotated) |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (int i = 0; i < POINTS.size(); i++) {
            List<Double> plain = cpu.get(0).get(i);
            List<Double> annotated = cpu.get(1).get(i);
            double pb = plain.stream().min(Double::compare).orElseThrow();
            double ab = annotated.stream().min(Double::compare).orElseThrow();
            b.append(String.format("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s / %s |%n", POINTS.get(i).row(),
                    pb, ab, ab / pb, median(plain), median(annotated), median(annotated) / median(plain),
                    format(plain), format(annotated)));
        }
        // allocation does not depend on what else the machine runs: the steadier sign of added work
        b.append("\n| | plain, bytes allocated per event | annotated | annotated − plain |\n|---|---:|---:|---:|\n");
        for (int i = 0; i < POINTS.size(); i++) {
            double p = median(alloc.get(0).get(i));
            double a = median(alloc.get(1).get(i));
            b.append(String.format("| %s | %.0f | %.0f | %+.0f |%n", POINTS.get(i).row(), p, a, a - p));
        }
        return b.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        return String.join(" ", values.stream().map(v -> String.format("%.2f", v)).toList());
    }
}
