package io.socketeer.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTest {

    @Test
    void aFigureRecordedInRoundsIsTheirMedianAndKeepsEveryValue() {
        Results r = new Results();
        r.put("Echo", "cpu", "10 clients, 32 B", Server.OURS, 9.0);
        assertEquals(9.0, r.get("Echo", "cpu", "10 clients, 32 B", Server.OURS));
        r.put("Echo", "cpu", "10 clients, 32 B", Server.OURS, 7.0);
        assertEquals(8.0, r.get("Echo", "cpu", "10 clients, 32 B", Server.OURS), "two: the mean of both");
        r.put("Echo", "cpu", "10 clients, 32 B", Server.OURS, 20.0);
        assertEquals(9.0, r.get("Echo", "cpu", "10 clients, 32 B", Server.OURS), "one slow round does not move it");
        assertEquals(List.of(9.0, 7.0, 20.0), r.samples("Echo", "cpu", "10 clients, 32 B", Server.OURS));
    }

    @Test
    void roundsOfOneServerOrRowDoNotMixWithAnother() {
        Results r = new Results();
        r.put("Echo", "cpu", "10 clients, 32 B", Server.OURS, 5.0);
        r.put("Echo", "cpu", "10 clients, 32 B", Server.FLOOR, 6.0);
        r.put("Echo", "cpu", "100 clients, 32 B", Server.OURS, 7.0);
        assertEquals(5.0, r.get("Echo", "cpu", "10 clients, 32 B", Server.OURS));
        assertEquals(List.of(6.0), r.samples("Echo", "cpu", "10 clients, 32 B", Server.FLOOR));
        assertEquals(List.of(), r.samples("Echo", "cpu", "1 client, 32 B", Server.OURS));
    }

    @Test
    void theComparedEchoPointsAreTheVariantsPointsAndTheMainServersRunThemToo() {
        EchoFamily full = new EchoFamily(false, EchoFamily.ROUNDS, new Results());
        List<EchoScenario.Point> variant = full.points(Server.OURS_POOL);
        assertEquals(4, variant.size());
        assertTrue(variant.stream().allMatch(EchoFamily::compared));
        List<EchoScenario.Point> main = full.points(Server.NETTY_SOCKETIO);
        assertEquals(16, main.size());
        assertTrue(main.containsAll(variant));
        assertFalse(EchoFamily.compared(new EchoScenario.Point(1000, 32, false)));
        assertFalse(EchoFamily.compared(new EchoScenario.Point(10, 1024, false)));
    }
}
