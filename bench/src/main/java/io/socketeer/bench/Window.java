package io.socketeer.bench;

import java.util.List;

/**
 * One measurement window against one server: wall time, the server's CPU time and allocated bytes, and how
 * much CPU everything else on the machine (other than the server and this generator) took meanwhile, so that a
 * figure taken on a busy machine says so. Against the nodes of a cluster, the server figures are the sums over
 * their processes.
 */
final class Window {

    private final List<ServerProcess> servers;
    private final long wall0;
    private final long cpu0;
    private final long user0;
    private final long alloc0;
    private final long machine0;
    private final long self0;
    private final long switches0;
    private final long jit0;
    private long switches;
    private long jit;
    private long wall;
    private long cpu;
    private long user;
    private long alloc;
    private long others;

    private Window(List<ServerProcess> servers) throws Exception {
        this.servers = servers;
        this.alloc0 = allocated();
        this.machine0 = ProcStats.machineBusyNanos();
        this.self0 = ProcStats.cpuNanos("self");
        this.cpu0 = cpu();
        this.user0 = user();
        this.switches0 = switches();
        this.jit0 = jit();
        this.wall0 = System.nanoTime();
    }

    /** @return a window that starts now, over one server or the nodes of a cluster */
    static Window open(ServerProcess... servers) throws Exception {
        return new Window(List.of(servers));
    }

    private long cpu() {
        return servers.stream().mapToLong(ServerProcess::cpuNanos).sum();
    }

    private long switches() {
        return servers.stream().mapToLong(s -> ProcStats.voluntarySwitches(s.pid())).sum();
    }

    private long jit() {
        return servers.stream().mapToLong(s -> ProcStats.compilerNanos(s.pid())).sum();
    }

    private long user() {
        return servers.stream().mapToLong(ServerProcess::userNanos).sum();
    }

    /** @return bytes allocated by all the servers so far, or -1 if one cannot tell */
    private long allocated() throws Exception {
        long sum = 0;
        for (ServerProcess s : servers) {
            long a = s.allocatedBytes();
            if (a < 0) {
                return -1;
            }
            sum += a;
        }
        return sum;
    }

    /** Ends the window. */
    Window close() throws Exception {
        wall = System.nanoTime() - wall0;
        cpu = cpu() - cpu0;
        user = user() - user0;
        switches = switches() - switches0;
        jit = jit() - jit0;
        long self = ProcStats.cpuNanos("self") - self0;
        others = Math.max(0, ProcStats.machineBusyNanos() - machine0 - cpu - self);
        long a = allocated();
        alloc = a < 0 || alloc0 < 0 ? -1 : a - alloc0;
        return this;
    }

    /** @return the window's length in seconds */
    double seconds() {
        return wall / 1e9;
    }

    /** @return the server's CPU time in the window, in µs, per operation */
    double cpuMicrosPer(long operations) {
        return cpu / 1000.0 / Math.max(1, operations);
    }

    /** @return the server's user-mode CPU time in the window (its own code, not the kernel's), in µs, per operation */
    double userMicrosPer(long operations) {
        return user / 1000.0 / Math.max(1, operations);
    }

    /**
     * @return the CPU time of the server's JIT compiler threads in the window, in µs, per operation: code still
     *         being compiled (part of {@link #cpuMicrosPer}; 0 for a server without such threads)
     */
    double jitMicrosPer(long operations) {
        return jit / 1000.0 / Math.max(1, operations);
    }

    /** @return the server threads' voluntary context switches (parks, waits) in the window, per operation */
    double switchesPer(long operations) {
        return (double) switches / Math.max(1, operations);
    }

    /** @return the server's CPU use in the window, in % of one core (the sum over the nodes of a cluster) */
    double cpuPercent() {
        return 100.0 * cpu / Math.max(1, wall);
    }

    /** @return bytes the server allocated per operation, or -1 when unknown */
    double allocPer(long operations) {
        return alloc < 0 ? -1 : (double) alloc / Math.max(1, operations);
    }

    /** @return CPU taken by other processes in the window, in % of one core (of the machine's two) */
    double othersPercent() {
        return 100.0 * others / Math.max(1, wall);
    }
}
