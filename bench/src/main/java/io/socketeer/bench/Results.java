package io.socketeer.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes bench/RESULTS.md (a table per scenario, with our ratio against each peer) and bench/results.png. */
final class Results {

    private static final List<String> SERVERS = List.of("ours", "netty-socketio", "node");
    private static final Color[] COLORS = {new Color(0x1a4fa0), new Color(0xc77c02), new Color(0x2e7d32)};

    private Results() {
    }

    static void write(Path root, Map<String, Map<String, Map<String, Double>>> results, boolean quick)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Produced by `bench/run.sh").append(quick ? " --quick" : "").append("` on ")
                .append(Instant.now()).append(".\n\n");
        md.append("Each scenario starts a fresh server process; each server runs alone, pinned to core 0 (`taskset -c 0`), one I/O thread, no compression; the ")
                .append("load generator (raw WebSocket frames on Netty, no client library) runs on core 1. Loopback ")
                .append("only. **Server CPU per operation** (user + system time of the server process from /proc, ")
                .append("divided by the operations completed in the window) is the figure to judge; throughputs ")
                .append("are bounded by the single generator core. Ratio = ours ÷ peer (below 1 is better for CPU ")
                .append("and memory, above 1 better for throughput).\n\n");
        md.append("Machine: ").append(machine()).append("\n\n");
        md.append("Servers: ours (this repository, listeners on the event loop), netty-socketio 2.0.14 (Maven ")
                .append("Central, Netty 4.1.130), Node ").append(cmd("node", "--version").trim())
                .append(" with socket.io 4.8.1 (npm). Java servers: `-Xmx1g -XX:+UseG1GC`, ")
                .append(cmd("java", "-version").lines().findFirst().orElse("").trim()).append(".\n\n");
        for (Map.Entry<String, Map<String, Map<String, Double>>> scenario : results.entrySet()) {
            md.append("## ").append(scenario.getKey()).append("\n\n");
            md.append("| figure |");
            for (String s : SERVERS) {
                md.append(' ').append(s).append(" |");
            }
            md.append(" ours ÷ netty-socketio | ours ÷ node |\n|---|");
            md.append("---:|".repeat(SERVERS.size() + 2)).append('\n');
            Map<String, Double> ours = scenario.getValue().getOrDefault("ours", Map.of());
            List<String> figures = new ArrayList<>(ours.keySet());
            for (Map<String, Double> other : scenario.getValue().values()) {
                other.keySet().stream().filter(f -> !figures.contains(f)).forEach(figures::add);
            }
            for (String figure : figures) {
                md.append("| ").append(figure).append(" |");
                for (String s : SERVERS) {
                    Double v = scenario.getValue().getOrDefault(s, Map.of()).get(figure);
                    md.append(' ').append(v == null ? "–" : fmt(v)).append(" |");
                }
                for (String peer : List.of("netty-socketio", "node")) {
                    Double a = ours.get(figure);
                    Double b = scenario.getValue().getOrDefault(peer, Map.of()).get(figure);
                    md.append(' ').append(a == null || b == null || b == 0 ? "–" : String.format("%.2f", a / b))
                            .append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        md.append("![server CPU per operation](results.png)\n");
        Files.writeString(root.resolve("RESULTS.md"), md.toString(), StandardCharsets.UTF_8);
        chart(root.resolve("results.png"), results);
        System.out.println("wrote " + root.resolve("RESULTS.md"));
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }

    /** Grouped bars: server CPU µs per operation, for each scenario that has that figure. */
    private static void chart(Path file, Map<String, Map<String, Map<String, Double>>> results) throws IOException {
        List<String> labels = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Double>>> scenario : results.entrySet()) {
            double[] v = new double[SERVERS.size()];
            boolean any = false;
            for (int i = 0; i < SERVERS.size(); i++) {
                Map<String, Double> figs = scenario.getValue().getOrDefault(SERVERS.get(i), Map.of());
                for (Map.Entry<String, Double> f : figs.entrySet()) {
                    if (f.getKey().startsWith("server CPU")) {
                        v[i] = f.getValue();
                        any = true;
                    }
                }
            }
            if (any) {
                labels.add(scenario.getKey());
                values.add(v);
            }
        }
        int w = 1000;
        int h = 120 + 46 * labels.size();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Server CPU time per operation (µs, lower is better)", 20, 28);
        double max = values.stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1);
        int left = 260;
        int barArea = w - left - 80;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < SERVERS.size(); i++) {
            g.setColor(COLORS[i]);
            g.fillRect(20 + i * 160, 44, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(SERVERS.get(i), 38 + i * 160, 55);
        }
        for (int r = 0; r < labels.size(); r++) {
            int y = 80 + r * 46;
            g.setColor(Color.DARK_GRAY);
            g.drawString(labels.get(r), 20, y + 18);
            for (int i = 0; i < SERVERS.size(); i++) {
                double v = values.get(r)[i];
                int len = (int) (barArea * v / max);
                g.setColor(COLORS[i]);
                g.fillRect(left, y + i * 13, Math.max(1, len), 11);
                g.setColor(Color.DARK_GRAY);
                g.drawString(v == 0 ? "–" : String.format("%.1f", v), left + len + 6, y + i * 13 + 10);
            }
        }
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, 70, left, h - 10);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static String machine() {
        String cpu = cmd("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").trim();
        return cmd("nproc", "--all").trim() + " cores (" + cpu + "), " + cmd("uname", "-sr").trim();
    }

    private static String cmd(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
