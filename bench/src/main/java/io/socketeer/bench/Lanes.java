package io.socketeer.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every server of a family running at once, side by side on core 0 (the idle ones take no CPU), each with its
 * own generator on the generator's one event loop, so that the servers can take turns window by window: the
 * figures of one row are then taken within a minute of one another, and a change in the speed of this shared
 * machine moves them together. A server that fails to start or fails a step is reported and left out from then
 * on.
 */
final class Lanes implements AutoCloseable {

    /** One server under load. */
    record Lane(ServerProcess process, LoadGenerator gen) {
        Server server() {
            return process.server();
        }
    }

    private final Results results;
    private final List<Lane> started = new ArrayList<>();
    private final List<Lane> active = new ArrayList<>();

    private Lanes(Results results) {
        this.results = results;
    }

    /**
     * Starts the servers.
     *
     * @param servers the servers
     * @param root    the bench directory
     * @param port    the first of consecutive ports, one per server
     * @param results where failures go
     * @return the running servers
     */
    static Lanes start(List<Server> servers, Path root, int port, Results results) {
        Lanes lanes = new Lanes(results);
        LoadGenerator first = null;
        for (Server s : servers) {
            int p = port++;
            Log.line("== " + s.label() + " on port " + p);
            try {
                ServerProcess sp = ServerProcess.start(s, root, p);
                LoadGenerator gen = first == null ? new LoadGenerator(p) : new LoadGenerator(p, first);
                first = first == null ? gen : first;
                lanes.started.add(new Lane(sp, gen));
            } catch (Exception e) {
                results.failure(s.label() + ": " + e);
            }
        }
        lanes.active.addAll(lanes.started);
        return lanes;
    }

    /** @return the servers still measured, in the order started */
    List<Lane> active() {
        return List.copyOf(active);
    }

    /**
     * @param round from 0
     * @return the servers still measured, the order rotated by {@code round}: each comes first in turn
     */
    List<Lane> turn(int round) {
        List<Lane> turn = new ArrayList<>(active);
        if (!turn.isEmpty()) {
            Collections.rotate(turn, -(round % turn.size()));
        }
        return turn;
    }

    /** Runs a step against a server still measured; a failure reports it and leaves the server out. */
    void attempt(Lane lane, ServerProcess.Work step) {
        if (!active.contains(lane)) {
            return;
        }
        try {
            step.run();
        } catch (Exception e) {
            results.failure(lane.server().label() + ": " + e);
            active.remove(lane);
        }
    }

    /** Stops every server, and the generators (the one that owns the event loop last). */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Lane l = started.get(i);
            l.gen().close();
            try {
                l.process().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
