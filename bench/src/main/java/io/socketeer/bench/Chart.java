package io.socketeer.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PNG beside RESULTS.md: the echo and fan-out curves (x logarithmic: clients or receivers), one colour per
 * server, solid for 32 B events and dashed for 1 KB ones. Plain Java2D, so the bench needs no plotting tool.
 */
final class Chart {

    private static final int PANEL_W = 560;
    private static final int PANEL_H = 360;
    private static final Color[] COLORS = {
        new Color(0x1a4fa0), new Color(0x7fa7e0), new Color(0x5e35b1), new Color(0x00838f), new Color(0x757575),
        new Color(0xc77c02), new Color(0x2e7d32), Color.BLACK, Color.BLACK}; // by Server ordinal
    private static final Stroke SOLID = new BasicStroke(2.2f);
    private static final Stroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
            new float[] {7, 5}, 0);

    private record Panel(String title, String xLabel, String section, String figure) {
    }

    private Chart() {
    }

    static void write(Path file, Results results) throws IOException {
        List<Panel> panels = List.of(
                new Panel("Echo: server CPU µs per event (lower is better)", "clients",
                        EchoScenario.CLOSED, EchoScenario.CPU),
                new Panel("Echo: events per second (one generator core)", "clients",
                        EchoScenario.CLOSED, "events per second"),
                new Panel("Fan-out: server CPU µs per delivery (lower is better)", "receivers",
                        FanoutScenario.SECTION, FanoutScenario.CPU),
                new Panel("Fan-out: deliveries per second", "receivers",
                        FanoutScenario.SECTION, "deliveries per second"));
        int legend = 40;
        BufferedImage img = new BufferedImage(PANEL_W * 2, PANEL_H * 2 + legend, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        legend(g);
        for (int i = 0; i < panels.size(); i++) {
            panel(g, panels.get(i), results, (i % 2) * PANEL_W, legend + (i / 2) * PANEL_H);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /** @return whether a server has curves: not the variants of ours that run two points only */
    private static boolean charted(Server s) {
        return !s.codecVariant() && s != Server.OURS_25 && s != Server.OURS_POOL_25 && s != Server.OURS_IO_URING;
    }

    private static void legend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = 20;
        for (Server s : Server.values()) {
            if (!charted(s)) { // not on the curves
                continue;
            }
            g.setColor(COLORS[s.ordinal()]);
            g.setStroke(SOLID);
            g.drawLine(x, 22, x + 26, 22);
            g.setColor(Color.DARK_GRAY);
            g.drawString(s.label(), x + 32, 27);
            x += 50 + g.getFontMetrics().stringWidth(s.label());
        }
        g.setStroke(DASHED);
        g.drawLine(x + 20, 22, x + 46, 22);
        g.drawString("1 KB events (solid: 32 B)", x + 52, 27);
    }

    /** series: server → curve → x → y */
    private static Map<Server, Map<String, TreeMap<Double, Double>>> series(Results results, Panel p) {
        Map<Server, Map<String, TreeMap<Double, Double>>> out = new TreeMap<>();
        Map<String, Map<Server, Double>> rows = results.sections().getOrDefault(p.section(), Map.of())
                .getOrDefault(p.figure(), Map.of());
        for (Map.Entry<String, Map<Server, Double>> row : rows.entrySet()) {
            Results.Point point = results.point(p.section(), row.getKey());
            if (point == null || point.curve().contains("ack")) {
                continue;
            }
            for (Map.Entry<Server, Double> v : row.getValue().entrySet()) {
                out.computeIfAbsent(v.getKey(), k -> new TreeMap<>())
                        .computeIfAbsent(point.curve(), k -> new TreeMap<>()).put(point.x(), v.getValue());
            }
        }
        return out;
    }

    private static void panel(Graphics2D g, Panel p, Results results, int ox, int oy) {
        Map<Server, Map<String, TreeMap<Double, Double>>> series = series(results, p);
        int left = ox + 70;
        int right = ox + PANEL_W - 20;
        int top = oy + 40;
        int bottom = oy + PANEL_H - 50;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(p.title(), ox + 20, oy + 22);
        double xMin = Double.MAX_VALUE;
        double xMax = 0;
        double yMax = 0;
        for (Map<String, TreeMap<Double, Double>> curves : series.values()) {
            for (TreeMap<Double, Double> c : curves.values()) {
                xMin = Math.min(xMin, c.firstKey());
                xMax = Math.max(xMax, c.lastKey());
                yMax = Math.max(yMax, c.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
            }
        }
        if (yMax <= 0) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("no data", left + 10, top + 20);
            return;
        }
        double lo = Math.log10(xMin);
        double hi = Math.max(lo + 1, Math.log10(xMax));
        yMax = niceCeiling(yMax);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setStroke(new BasicStroke(1));
        for (int i = 0; i <= 4; i++) { // horizontal grid
            int y = bottom - (bottom - top) * i / 4;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            String label = format(yMax * i / 4);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (double d = Math.ceil(lo); d <= hi + 1e-9; d++) { // decades
            int x = (int) (left + (right - left) * (d - lo) / (hi - lo));
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(x, top, x, bottom);
            g.setColor(Color.DARK_GRAY);
            String label = format(Math.pow(10, d));
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, bottom + 16);
        }
        g.drawString(p.xLabel() + " (log scale)", (left + right) / 2 - 40, bottom + 34);
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, right, bottom);
        for (Map.Entry<Server, Map<String, TreeMap<Double, Double>>> s : series.entrySet()) {
            if (!charted(s.getKey())) {
                continue;
            }
            for (Map.Entry<String, TreeMap<Double, Double>> c : s.getValue().entrySet()) {
                g.setColor(COLORS[s.getKey().ordinal()]);
                g.setStroke(c.getKey().startsWith("32") ? SOLID : DASHED);
                List<int[]> pts = new ArrayList<>();
                for (Map.Entry<Double, Double> v : c.getValue().entrySet()) {
                    int x = (int) (left + (right - left) * (Math.log10(v.getKey()) - lo) / (hi - lo));
                    int y = (int) (bottom - (bottom - top) * Math.min(1, v.getValue() / yMax));
                    pts.add(new int[] {x, y});
                }
                for (int i = 0; i < pts.size(); i++) {
                    g.fillOval(pts.get(i)[0] - 3, pts.get(i)[1] - 3, 7, 7);
                    if (i > 0) {
                        g.drawLine(pts.get(i - 1)[0], pts.get(i - 1)[1], pts.get(i)[0], pts.get(i)[1]);
                    }
                }
            }
        }
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double v) {
        if (v >= 1_000_000) {
            return String.format("%.1fM", v / 1e6);
        }
        if (v >= 1000) {
            return String.format("%.0fk", v / 1e3);
        }
        return v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
