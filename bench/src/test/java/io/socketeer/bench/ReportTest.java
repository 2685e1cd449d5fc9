package io.socketeer.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    private static String report(Path dir, Results results) throws Exception {
        Report.write(dir, results, "bench/run.sh", Instant.now(), "0.1, 0.1, 0.1");
        return Files.readString(dir.resolve("RESULTS.md"), StandardCharsets.UTF_8);
    }

    private static void fanout(Results r, String row, double ours, double floor, double nsio, double node) {
        r.put(FanoutScenario.SECTION, FanoutScenario.CPU, row, Server.OURS, ours);
        r.put(FanoutScenario.SECTION, FanoutScenario.CPU, row, Server.FLOOR, floor);
        r.put(FanoutScenario.SECTION, FanoutScenario.CPU, row, Server.NETTY_SOCKETIO, nsio);
        r.put(FanoutScenario.SECTION, FanoutScenario.CPU, row, Server.NODE, node);
    }

    @Test
    void underTheTargetsTheFanOutFloorIsSetAgainstThePeersAndOursAgainstIt(@TempDir Path dir) throws Exception {
        Results r = new Results();
        fanout(r, FanoutScenario.row(1000, 0), 1.5, 1.25, 10.0, 8.0);
        fanout(r, FanoutScenario.row(1000, Bench.FANOUT_IN_FLIGHT), 0.6, 0.5, 6.0, 5.0);
        String md = report(dir, r);
        assertTrue(md.contains("The floor on the fan-out rows (the transport alone, no Socket.IO work): "
                + "1.25 µs per delivery at 1,000 receivers, 0.13 × netty-socketio and 0.16 × node, ours 1.20 × the "
                + "floor; 0.50 µs per delivery at 1,000 receivers, " + Bench.FANOUT_IN_FLIGHT + " broadcasts in "
                + "flight, 0.08 × netty-socketio and 0.10 × node, ours 1.20 × the floor."), md);
    }

    @Test
    void withoutTheFloorsFanOutThereIsNoSuchLine(@TempDir Path dir) throws Exception {
        Results r = new Results();
        r.put(FanoutScenario.SECTION, FanoutScenario.CPU, FanoutScenario.row(1000, 0), Server.OURS, 1.5);
        assertFalse(report(dir, r).contains("The floor on the fan-out rows"));
    }
}
