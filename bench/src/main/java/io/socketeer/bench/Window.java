package io.socketeer.bench;

/**
 * One measurement window against one server: wall time, the server's CPU time and allocated bytes, and how
 * much CPU everything else on the machine (other than the server and this generator) took meanwhile, so that a
 * figure taken on a busy machine says so.
 */
final class Window {

    private final ServerProcess server;
    private final long wall0;
    private final long cpu0;
    private final long user0;
    private final long alloc0;
    private final long machine0;
    private final long self0;
    private long wall;
    private long cpu;
    private long user;
    private long alloc;
    private long others;

    private Window(ServerProcess server) throws Exception {
        this.server = server;
        this.alloc0 = server.allocatedBytes();
        this.machine0 = ProcStats.machineBusyNanos();
        this.self0 = ProcStats.cpuNanos("self");
        this.cpu0 = server.cpuNanos();
        this.user0 = server.userNanos();
        this.wall0 = System.nanoTime();
    }

    /** @return a window that starts now */
    static Window open(ServerProcess server) throws Exception {
        return new Window(server);
    }

    /** Ends the window. */
    Window close() throws Exception {
        wall = System.nanoTime() - wall0;
        cpu = server.cpuNanos() - cpu0;
        user = server.userNanos() - user0;
        long self = ProcStats.cpuNanos("self") - self0;
        others = Math.max(0, ProcStats.machineBusyNanos() - machine0 - cpu - self);
        long a = server.allocatedBytes();
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

    /** @return the server's CPU use in the window, in % of one core */
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
