package io.socketeer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running server under test. Every server main of the bench speaks the same admin lines on stdin/stdout:
 * it prints {@code READY} once listening, answers {@code heap} with {@code HEAP <bytes>} (live heap right after a
 * full collection) and {@code alloc} with {@code ALLOC <bytes>} (bytes allocated by all its threads so far, -1
 * where the runtime cannot tell). CPU time and RSS come from /proc, so they need no cooperation.
 */
final class ServerProcess implements AutoCloseable {

    private final Server server;
    private final String name;
    private final Process process;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private ServerProcess(Server server, String name, Process process) {
        this.server = server;
        this.name = name;
        this.process = process;
    }

    /**
     * Starts a server and waits until it listens.
     *
     * @param server which
     * @param root   the bench directory
     * @param port   its port
     * @return the running server
     * @throws Exception if it does not start within 30 s
     */
    static ServerProcess start(Server server, Path root, int port) throws Exception {
        return start(server, root, port, server.label(), List.of());
    }

    /**
     * Starts a server with more arguments, e.g. one node of a cluster, and waits until it listens. Any number
     * may run at once, each on its own port.
     *
     * @param server which
     * @param root   the bench directory
     * @param port   its port
     * @param name   its name in the log, e.g. "ours, node 2"
     * @param args   more arguments to its main ({@link Server#command(Path, int, List)})
     * @return the running server
     * @throws Exception if it does not start within 30 s
     */
    static ServerProcess start(Server server, Path root, int port, String name, List<String> args)
            throws Exception {
        return start(server, root, port, name, args, List.of());
    }

    /**
     * Starts a server with more JVM flags (a Java server; Node ignores them) and waits until it listens.
     *
     * @param server which
     * @param root   the bench directory
     * @param port   its port
     * @param jvm    the flags
     * @return the running server
     * @throws Exception if it does not start within 30 s
     */
    static ServerProcess start(Server server, Path root, int port, List<String> jvm) throws Exception {
        return start(server, root, port, server.label(), List.of(), jvm);
    }

    private static ServerProcess start(Server server, Path root, int port, String name, List<String> args,
                                       List<String> jvm) throws Exception {
        Process p = new ProcessBuilder(server.command(root, port, args, jvm)).redirectErrorStream(true).start();
        ServerProcess sp = new ServerProcess(server, name, p);
        Thread reader = new Thread(sp::readOutput, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        String line = sp.replies.poll(30, TimeUnit.SECONDS);
        if (line == null || !line.equals("READY")) {
            sp.close();
            throw new IllegalStateException(name + " did not start: " + line);
        }
        return sp;
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("READY") || line.startsWith("HEAP ") || line.startsWith("ALLOC ")) {
                    replies.add(line);
                } else {
                    Log.line("  [" + name + "] " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** @return which server this is */
    Server server() {
        return server;
    }

    /** @return the process id (taskset execs the server, so it is the server's) */
    long pid() {
        return process.pid();
    }

    /** @return the server's CPU time in user mode so far (all threads), in nanoseconds */
    long userNanos() {
        return ProcStats.userNanos(String.valueOf(pid()));
    }

    /** @return the server's CPU time so far (user + system, all threads), in nanoseconds */
    long cpuNanos() {
        return ProcStats.cpuNanos(String.valueOf(pid()));
    }

    /** Work against a server: load driven while its compiler is watched, a step of a family ({@link Lanes}). */
    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs some load and tells whether the server's JIT compiler threads took less than 5 % of its CPU meanwhile,
     * i.e. whether the paths that load takes are compiled. A server without compiler threads (Node) is always
     * done, once it spent any CPU.
     *
     * @param work the load
     * @return whether the compiler was quiet
     * @throws Exception from the load
     */
    boolean compilerQuietDuring(Work work) throws Exception {
        long jit0 = ProcStats.compilerNanos(pid());
        long cpu0 = cpuNanos();
        work.run();
        return ProcStats.compilerNanos(pid()) - jit0 < 0.05 * (cpuNanos() - cpu0);
    }

    /**
     * Runs rounds of load until the compiler was quiet ({@link #compilerQuietDuring}) in two rounds in a row: one
     * quiet round can fall between two bursts of compilation.
     *
     * @param round one round of load
     * @param most  rounds at most
     * @return the rounds it took, or -1 if the compiler still ran after {@code most}
     * @throws Exception from the load
     */
    int roundsUntilCompilerQuiet(Work round, int most) throws Exception {
        int quiet = 0;
        for (int i = 1; i <= most; i++) {
            quiet = compilerQuietDuring(round) ? quiet + 1 : 0;
            if (quiet == 2) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Has a Java server's C library give the memory freed in its native heap back to the system
     * ({@code jcmd System.trim_native_heap}), so that what the JVM freed there (the JIT compiler's work areas
     * among it) is not counted as resident. Nothing for Node.
     *
     * @throws Exception if jcmd fails
     */
    void trimNativeHeap() throws Exception {
        String jcmd = server.jcmd();
        if (jcmd == null) {
            return;
        }
        Process p = new ProcessBuilder(jcmd, String.valueOf(pid()), "System.trim_native_heap")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd System.trim_native_heap failed: " + out);
        }
    }

    /** @return the server's resident set size, in bytes */
    long rssBytes() {
        return ProcStats.rssBytes(pid());
    }

    /** @return live heap after a full collection (V8's heapUsed after gc() for Node), in bytes */
    long liveHeapBytes() throws Exception {
        return Long.parseLong(ask("heap", "HEAP "));
    }

    /** @return bytes allocated by the server's threads so far, or -1 when unknown (Node) */
    long allocatedBytes() throws Exception {
        return Long.parseLong(ask("alloc", "ALLOC "));
    }

    private String ask(String command, String prefix) throws Exception {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
        String line = replies.poll(60, TimeUnit.SECONDS);
        if (line == null || !line.startsWith(prefix)) {
            throw new IllegalStateException(name + " answered " + line + " to " + command);
        }
        return line.substring(prefix.length()).trim();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
