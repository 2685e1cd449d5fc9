package io.socketeer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of processes, and the machine's busy time, read from /proc (proc(5)). */
final class ProcStats {

    /** USER_HZ: the unit of /proc/[pid]/stat and /proc/stat times, 100 on every Linux the bench targets. */
    private static final long TICK_NANOS = 10_000_000L;

    private ProcStats() {
    }

    /**
     * @param pid a process id, or "self"
     * @return user + system CPU time of the process (all its threads), in nanoseconds
     */
    static long cpuNanos(String pid) {
        String stat = read("/proc/" + pid + "/stat");
        // the command name (field 2) may hold spaces: fields 14 and 15 are counted from the closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
    }

    /**
     * @param pid a process id
     * @return user-mode CPU time of the process (all its threads), in nanoseconds; the rest of
     *         {@link #cpuNanos} is time in the kernel (system calls, and the loopback TCP stack they run)
     */
    static long userNanos(String pid) {
        String stat = read("/proc/" + pid + "/stat");
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) * TICK_NANOS;
    }

    /**
     * @param pid a process id
     * @return user + system CPU time of the process's JIT compiler threads (HotSpot's "C1 CompilerThread…" and
     *         "C2 CompilerThread…"), in nanoseconds; 0 for a process without them
     */
    static long compilerNanos(long pid) {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /** @return resident set size of the process, in bytes */
    static long rssBytes(long pid) {
        for (String line : read("/proc/" + pid + "/status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /**
     * @param pid a process id
     * @return voluntary context switches of the process's live threads so far: a thread parking or waiting on
     *         I/O, that is, the wake-ups and hand-offs between threads a server does (threads that ended are
     *         not counted)
     */
    static long voluntarySwitches(long pid) {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /** @return CPU time all cores spent on anything but idle and iowait since boot, in nanoseconds */
    static long machineBusyNanos() {
        String first = read("/proc/stat").lines().findFirst().orElseThrow();
        String[] f = first.trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal …
        long busy = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy * TICK_NANOS;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
