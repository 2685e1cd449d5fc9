package io.socketeer.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterScenarioTest {

    /** A message as a receiver's listener sees it: a slice that does not start at index 0. */
    private static ByteBuf received(String message) {
        return Unpooled.wrappedBuffer(("4" + message).getBytes(StandardCharsets.US_ASCII)).skipBytes(1);
    }

    /** What the server sends for the emitter's {@code 42["fanout",arg]}. */
    private static String broadcast(String arg) {
        return "42[\"fan\",\"" + arg + "\"]";
    }

    @Test
    void theNumberOfABroadcastSurvivesTheRoundTrip() {
        for (long seq : new long[] {0, 1, 9, 10, 1234567, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            String arg = ClusterScenario.argument(seq);
            assertEquals(ClusterScenario.SIZE, arg.length(), arg);
            assertEquals(seq, ClusterScenario.sequence(received(broadcast(arg))), arg);
        }
        assertThrows(IllegalArgumentException.class, () -> ClusterScenario.argument(-1));
    }

    @Test
    void anythingButANumberedBroadcastIsNotCounted() {
        for (String message : List.of(
                broadcast("probe"),                                   // the room probes
                broadcast(""),
                broadcast("12a"),
                broadcast("-1"),
                broadcast("99999999999999999999"),                    // beyond a long
                "42[\"echo\",\"" + ClusterScenario.argument(3) + "\"]", // another event
                "42[\"fan\",\"12",                                    // cut short
                "42[\"fan\",\"12\"]x",
                "42[\"fan\",\"12\",\"more\"]",
                "3",
                "")) {
            assertEquals(-1, ClusterScenario.sequence(received(message)), message);
        }
    }

    @Test
    void aReceiverCountsGapsAsLostAndRepeatsAsDuplicated() {
        ClusterScenario c = new ClusterScenario(List.of(), null, new Results(), "redis://unused");
        Conn receiver = new Conn(false);
        for (long seq : new long[] {0, 1, 2, 5, 6, 6, 3, 7}) { // 3 and 4 missing; 6 twice; 3 too late
            c.delivered(receiver, received(broadcast(ClusterScenario.argument(seq))));
        }
        c.delivered(receiver, received(broadcast("probe")));
        assertArrayEquals(new long[] {8, 2, 2}, c.counts());
        assertEquals(8, receiver.seq, "expects the one after the highest seen");
    }

    @Test
    void receiversSplitEvenlyTheFirstNodesTakingTheRest() {
        assertArrayEquals(new int[] {1000}, ClusterScenario.split(1000, 1));
        assertArrayEquals(new int[] {500, 500}, ClusterScenario.split(1000, 2));
        assertArrayEquals(new int[] {501, 500}, ClusterScenario.split(1001, 2));
        assertArrayEquals(new int[] {1, 1, 1, 0}, ClusterScenario.split(3, 4));
        assertEquals(10_001, Arrays.stream(ClusterScenario.split(10_001, 3)).sum());
    }

    @Test
    void theTableHasOneColumnPerClusterSizeAndRatiosForCostsOnly() {
        Results r = new Results();
        String s = ClusterScenario.SECTION;
        r.put(s, ClusterScenario.RATE, "1 node", Server.OURS, 200_000);
        r.put(s, ClusterScenario.RATE, "2 nodes", Server.OURS, 150_000);
        r.put(s, ClusterScenario.CPU, "1 node", Server.OURS, 2.5);
        r.put(s, ClusterScenario.CPU, "2 nodes", Server.OURS, 3.5);
        r.put(s, ClusterScenario.REDIS_CPU, "1 node", Server.OURS, 0.05);
        r.put(s, ClusterScenario.BROADCASTS, "1 node", Server.OURS, 1658);
        r.put(s, ClusterScenario.BROADCASTS, "2 nodes", Server.OURS, 1541);
        r.put(s, ClusterScenario.LOST, "1 node", Server.OURS, 0);
        r.put(s, ClusterScenario.LOST, "2 nodes", Server.OURS, 3);
        String md = ClusterScenario.table(r.sections().get(s));
        assertTrue(md.contains("| | 1 node | 2 nodes | 2 nodes ÷ 1 node |\n|---|---:|---:|---:|\n"), md);
        assertTrue(md.contains("| " + ClusterScenario.RATE + " | 200,000 | 150,000 | 0.75 |\n"), md);
        assertTrue(md.contains("| " + ClusterScenario.CPU + " | 2.50 | 3.50 | 1.40 |\n"), md);
        assertTrue(md.contains("| " + ClusterScenario.REDIS_CPU + " | 0.05 | – | – |\n"), md);
        assertTrue(md.contains("| " + ClusterScenario.BROADCASTS + " | 1,658 | 1,541 | – |\n"), md);
        assertTrue(md.contains("| " + ClusterScenario.LOST + " | 0 | 3 | – |\n"), md);
        assertTrue(md.contains("share core 0"), "says why two nodes do not scale here");
    }

    @Test
    void ourServerTakesTheRedisKeyAsAFlag() {
        assertEquals("bench-1", OurServer.redisKey("redis=bench-1"));
        assertNull(OurServer.redisKey("redis="));
        assertNull(OurServer.redisKey("pool"));
    }

    @Test
    void moreArgumentsGoToOurServerOnly(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve("target/classpath.txt"), "a.jar:b.jar\n");
        List<String> cmd = Server.OURS.command(root, 24_001, List.of("redis=k"));
        assertEquals(List.of("taskset", "-c", "0", "java"), cmd.subList(0, 4));
        assertEquals(List.of(OurServer.class.getName(), "24001", "redis=k"), cmd.subList(cmd.size() - 3, cmd.size()));
        assertThrows(IllegalArgumentException.class, () -> Server.NODE.command(root, 24_001, List.of("redis=k")));
    }

    @Test
    void moreJvmFlagsGoToEveryJavaServerBeforeItsClassPathAndNotToNode(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve("target/classpath.txt"), "a.jar\n");
        Files.createDirectories(root.resolve("peers/netty-socketio/target"));
        Files.writeString(root.resolve("peers/netty-socketio/target/classpath.txt"), "b.jar\n");
        List<String> flags = List.of("-XX:MaxHeapFreeRatio=10");
        for (Server s : List.of(Server.OURS, Server.OURS_POOL, Server.FLOOR, Server.NETTY_SOCKETIO)) {
            List<String> cmd = s.command(root, 24_001, List.of(), flags);
            int flag = cmd.indexOf("-XX:MaxHeapFreeRatio=10");
            assertTrue(flag > 0 && flag < cmd.indexOf("-cp"), s + ": " + cmd);
            assertEquals(cmd.size() - 1, s.command(root, 24_001, List.of()).size(), s + ": one flag more");
        }
        assertFalse(Server.NODE.command(root, 24_001, List.of(), flags).contains("-XX:MaxHeapFreeRatio=10"));
    }

    @Test
    void aGeneratorForASecondNodeSharesTheEventLoopAndLeavesItRunning() {
        try (LoadGenerator first = new LoadGenerator(24_001)) {
            LoadGenerator second = new LoadGenerator(24_002, first);
            assertSame(first.loop(), second.loop());
            second.close();
            assertFalse(first.loop().isShuttingDown());
        }
    }
}
