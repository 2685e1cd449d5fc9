package io.socketeer.bench;

import java.util.ArrayList;
import java.util.EnumMap;
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
    private final Map<String, Point> points = new LinkedHashMap<>();
    private final Map<String, Map<Server, Double>> background = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    /**
     * Records a figure.
     *
     * @param section e.g. "Echo"
     * @param figure  e.g. "server CPU µs per event"
     * @param row     e.g. "10 clients, 32 B"
     * @param server  the server
     * @param value   the value
     */
    synchronized void put(String section, String figure, String row, Server server, double value) {
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>())
                .computeIfAbsent(figure, k -> new LinkedHashMap<>())
                .computeIfAbsent(row, k -> new EnumMap<>(Server.class)).put(server, value);
        Log.line(String.format("  %-16s %-34s %-26s %-24s %,.2f", section, figure, row, server.label(), value));
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
