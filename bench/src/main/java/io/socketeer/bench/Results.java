package io.socketeer.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a run: section → figure → row → server → value, in the order they were first recorded, plus
 * where a row sits on a chart curve and how busy the machine was during each window.
 */
final class Results {

    /** Where a row sits on a chart: its curve (e.g. "32 B") and its x (clients, receivers). */
    record Point(String curve, double x) {
    }

    private final Map<String, Map<String, Map<String, Map<Server, Double>>>> sections = new LinkedHashMap<>();
    /** Every value recorded for a figure that was measured more than once, in the order recorded. */
    private final Map<String, List<Double>> samples = new HashMap<>();
    private final Map<String, Point> points = new LinkedHashMap<>();
    private final Map<String, Map<Server, Double>> background = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    /**
     * Records a figure. A figure recorded again for the same row and server (a point measured in several rounds)
     * keeps every value, and the figure is their median.
     *
     * @param section e.g. "Echo"
     * @param figure  e.g. "server CPU µs per event"
     * @param row     e.g. "10 clients, 32 B"
     * @param server  the server
     * @param value   the value
     */
    synchronized void put(String section, String figure, String row, Server server, double value) {
        List<Double> all = samples.computeIfAbsent(String.join("\n", section, figure, row, server.name()),
                k -> new ArrayList<>());
        all.add(value);
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>())
                .computeIfAbsent(figure, k -> new LinkedHashMap<>())
                .computeIfAbsent(row, k -> new EnumMap<>(Server.class)).put(server, median(all));
        Log.line(String.format("  %-16s %-34s %-26s %-24s %,.2f%s", section, figure, row, server.label(), value,
                all.size() == 1 ? "" : String.format(" (round %d, median %,.2f)", all.size(), median(all))));
    }

    /** @return the median (of an even count, the mean of the middle two) */
    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** @return every value recorded for a figure, in the order recorded (one, unless measured in rounds) */
    synchronized List<Double> samples(String section, String figure, String row, Server server) {
        return List.copyOf(samples.getOrDefault(String.join("\n", section, figure, row, server.name()), List.of()));
    }

    /** Places a row on a chart curve. */
    synchronized void point(String section, String row, String curve, double x) {
        points.put(section + "\n" + row, new Point(curve, x));
    }

    /** Records how much CPU other processes took (% of a core) while a window of this row ran. */
    synchronized void background(String section, String row, Server server, Window window) {
        background.computeIfAbsent(section + ": " + row, k -> new EnumMap<>(Server.class))
                .put(server, window.othersPercent());
    }

    /** Records that a part of the run failed, for the report. */
    synchronized void failure(String text) {
        failures.add(text);
        Log.line("FAILED " + text);
    }

    /** @return the value, or null */
    synchronized Double get(String section, String figure, String row, Server server) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(figure, Map.of())
                .getOrDefault(row, Map.of()).get(server);
    }

    synchronized Map<String, Map<String, Map<String, Map<Server, Double>>>> sections() {
        return sections;
    }

    synchronized Point point(String section, String row) {
        return points.get(section + "\n" + row);
    }

    synchronized Map<String, Map<Server, Double>> background() {
        return background;
    }

    synchronized List<String> failures() {
        return failures;
    }
}
