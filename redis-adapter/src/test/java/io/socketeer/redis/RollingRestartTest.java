package io.socketeer.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A rolling restart under load loses nothing with the Redis Streams adapter: three cluster members (ours, or
 * mixed with Node ones running {@code @socket.io/redis-streams-adapter} 0.3.1, each a process of its own), a dozen
 * socket.io-client 4.8 clients ({@code npm/cluster/chat-clients.js}) behind a plain TCP round-robin proxy
 * chatting through three rooms with per-sender sequence numbers; each member in turn gets SIGTERM and is
 * started again. Every reconnection is recovered, and no confirmed message is lost, doubled or reordered at
 * any member of its room. {@code -Drolling.runs=N} repeats it (default 1); {@code -Drolling.members=jjj} names
 * the members ({@code j} ours, {@code n} Node's with the reference adapter). The figures are asserted when every
 * member is ours; with a Node member they are printed only: a session that the reference restores can lose or
 * double an event in the race between its replay and its live reader, which ours closes ({@code nnn} measures
 * the reference alone, as a baseline).
 *
 * <p>{@code -Drolling.adapter=sharded} runs the same with the sharded pub/sub adapter ({@link ShardedNodeMain};
 * Node's members with {@code createShardedAdapter} of {@code @socket.io/redis-adapter} 8.3). Its sessions live
 * in the memory of the member that served them, as the reference's do, so a client of a restarted member comes
 * back as a new session (it joins its room again) and misses what was sent meanwhile: lost messages and
 * reconnections not recovered are printed, not asserted. What is asserted, with Node's members too (the
 * reference keeps it as well), is what a pub/sub adapter promises: nothing doubled or reordered, and every client
 * back in its room, having received from every sender of its room since the last member was restarted. Skipped
 * with {@code -Dtest.npm.skip=true}.
 */
@DisabledIfSystemProperty(named = "test.npm.skip", matches = "true")
class RollingRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    /** How long the deliveries must stay unchanged after the clients stop sending. */
    private static final Duration SETTLED = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofMillis(250);
    @RegisterExtension
    static final RedisServer redis = RedisServer.perClass();

    /**
     * A free port below the range the kernel picks outgoing connections' ports from: a member restarts on its
     * port, and while it is down a port of that range can become the source port of one of the many client,
     * proxy or Redis connections (a Node member then failed with EADDRINUSE).
     */
    private static int freePort() {
        int ephemeralLow = 32768;
        try {
            ephemeralLow = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux: the usual range
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100 && ephemeralLow > 11_000; attempt++) {
            int port = random.nextInt(10_000, ephemeralLow);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                // taken: another
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster adapter under test, ours and the reference's. */
    private enum Kind {
        STREAMS(StreamsNodeMain.class),
        SHARDED(ShardedNodeMain.class);

        private final Class<?> ours;

        Kind(Class<?> ours) {
            this.ours = ours;
        }

        ServerProcess member(char who, String redisUri, String prefix, int port) {
            return who == 'n' ? ServerProcess.node(redisUri, prefix, port, name().toLowerCase(Locale.ROOT))
                    : ServerProcess.java(ours, redisUri, prefix, port);
        }

        /**
         * @param r a run's report
         * @return whether it keeps what the adapter promises: with Streams every reconnection recovered and
         *         nothing lost; with sharded pub/sub, whose sessions die with their member, every client back in
         *         its room; with either nothing doubled or reordered
         */
        boolean kept(JsonNode r) {
            boolean inOrderOnce = r.get("duplicated").asInt() == 0 && r.get("outOfOrder").asInt() == 0;
            return this == STREAMS
                    ? inOrderOnce && r.get("lost").asInt() == 0 && r.get("notRecovered").asInt() == 0
                            && r.get("recovered").asInt() >= 12
                    : inOrderOnce && r.get("silent").asInt() == 0;
        }
    }

    @Test
    void aRollingRestartUnderLoadKeepsWhatTheAdapterPromises() throws Exception {
        int runs = Integer.getInteger("rolling.runs", 1);
        String members = System.getProperty("rolling.members", "jjj");
        Kind kind = Kind.valueOf(System.getProperty("rolling.adapter", "streams").toUpperCase(Locale.ROOT));
        List<String> failures = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            List<String> warnings = new ArrayList<>();
            JsonNode r = oneRun(kind, members, warnings);
            System.out.println("rolling restart run " + run + " (" + kind.name().toLowerCase(Locale.ROOT) + " "
                    + members + "): " + r);
            if (!kind.kept(r)) {
                failures.add("run " + run + ": " + r + "; the members said: " + warnings);
            }
        }
        if (kind == Kind.SHARDED || !members.contains("n")) {
            assertEquals(List.of(), failures);
        }
    }

    /** One run; what the members logged at WARN or about errors (five lines each at most) goes to warnings. */
    private JsonNode oneRun(Kind kind, String members, List<String> warnings) throws Exception {
        String prefix = "rolling-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
        List<ServerProcess> servers = new ArrayList<>();
        List<Integer> ports = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            ports.add(port);
            servers.add(kind.member(members.charAt(i), redis.uri(), prefix, port));
        }
        try (TcpProxy proxy = TcpProxy.roundRobin(ports)) {
            servers.forEach(ServerProcess::start);
            try (NodeProcess clients = NodeProcess.start("cluster/chat-clients.js",
                    "http://127.0.0.1:" + proxy.port(), "12", "3", "50")) {
                clients.awaitLine("clients joined", Duration.ofSeconds(30), "ready"::equals);
                clients.send("start");
                pause(Duration.ofSeconds(2));
                for (ServerProcess s : servers) {
                    s.terminate();
                    s.start();
                    if (s == servers.get(servers.size() - 1)) {
                        clients.send("mark"); // from now on every client must receive from every sender of its room
                        clients.awaitLine("the clients marked", Duration.ofSeconds(10), "marked"::equals);
                    }
                    pause(Duration.ofSeconds(3));
                }
                clients.send("stop");
                JsonNode report = settledReport(clients);
                if (kind == Kind.STREAMS) { // with sharded pub/sub every reconnection is a fresh session
                    clients.lines().stream().filter(l -> l.startsWith("fresh ")).forEach(System.out::println);
                }
                return report;
            }
        } finally {
            servers.forEach(ServerProcess::close);
            servers.forEach(s -> s.lines().stream().filter(l -> l.contains("WARN") || l.contains("rror"))
                    .limit(5).forEach(l -> warnings.add(s.name() + ": " + l)));
            warnings.forEach(System.out::println);
        }
    }

    /**
     * Asks the clients for their report until the deliveries have stopped changing for a while: the last
     * confirmed messages have reached every member (or never will), however loaded the machine is.
     */
    private static JsonNode settledReport(NodeProcess clients) {
        JsonNode[] last = {null};
        long[] changedAt = {System.nanoTime()};
        long[] askedAt = {0};
        Await.until("the deliveries settled", Duration.ofSeconds(60), () -> {
            long now = System.nanoTime();
            if (now - askedAt[0] < REPORT_EVERY.toNanos()) {
                return false;
            }
            askedAt[0] = now;
            JsonNode r = report(clients);
            if (last[0] == null || !r.get("delivered").equals(last[0].get("delivered"))) {
                changedAt[0] = now;
            }
            last[0] = r;
            return now - changedAt[0] >= SETTLED.toNanos();
        });
        return last[0];
    }

    private static JsonNode report(NodeProcess clients) {
        long before = clients.lines().stream().filter(l -> l.startsWith("report ")).count();
        clients.send("report");
        Await.until("a report", Duration.ofSeconds(10),
                () -> clients.lines().stream().filter(l -> l.startsWith("report ")).count() > before);
        String line = clients.lines().stream().filter(l -> l.startsWith("report ")).skip(before).findFirst()
                .orElseThrow();
        try {
            return JSON.readTree(line.substring("report ".length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets the load run for a while (the test measures over time; nothing to wait for). */
    private static void pause(Duration d) {
        Await.until("load running", d.plusSeconds(1), new java.util.function.BooleanSupplier() {
            private final long end = System.nanoTime() + d.toNanos();

            @Override
            public boolean getAsBoolean() {
                return System.nanoTime() >= end;
            }
        });
    }
}
