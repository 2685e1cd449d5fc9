package io.socketeer.testkit;

import org.junit.jupiter.api.Assertions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs one of our Node.js scripts (under the repository's {@code npm/} folder) that drives a real npm client,
 * with a hard deadline. Its standard output is collected line by line; tests await lines or the exit.
 *
 * <p>The npm packages pinned in {@code npm/package-lock.json} are installed on first use when missing.
 */
public final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Writer stdin;
    private final String name;

    private NodeProcess(String script, Process process) {
        this.name = script;
        this.process = process;
        this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), out, "node-out");
        pump(process.getErrorStream(), err, "node-err");
    }

    /**
     * Starts {@code node <script> <args>} in the {@code npm/} folder.
     *
     * @param script the script path relative to {@code npm/}, e.g. {@code interop/sio4.js}
     * @param args its arguments
     * @return the running process
     */
    public static NodeProcess start(String script, String... args) {
        Path npm = npmDir();
        ensureInstalled(npm);
        List<String> cmd = new ArrayList<>();
        cmd.add("node");
        cmd.add(script);
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(npm.toFile()).start();
            return new NodeProcess(script, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node", e);
        }
    }

    /** @return the repository's {@code npm/} folder, found upwards from the working directory */
    public static Path npmDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("npm/package.json"))) {
                return dir.resolve("npm");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no npm/package.json above " + Path.of("").toAbsolutePath());
    }

    private static boolean installed(Path npm) {
        Path marker = npm.resolve("node_modules/.package-lock.json");
        try {
            return Files.isRegularFile(marker) && Files.getLastModifiedTime(marker)
                    .compareTo(Files.getLastModifiedTime(npm.resolve("package-lock.json"))) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void ensureInstalled(Path npm) {
        if (installed(npm)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(npm.resolve(".install.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            if (installed(npm)) {
                return;
            }
            Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(npm.toFile()).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + npm);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pump(java.io.InputStream in, List<String> sink, String threadName) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }

    /** @return the output lines so far */
    public List<String> lines() {
        return List.copyOf(out);
    }

    /**
     * Writes a line to the script's standard input.
     *
     * @param line the line
     */
    public void send(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for an output line.
     *
     * @param what description for the failure message
     * @param timeout deadline
     * @param match the line wanted
     * @return the first matching line
     */
    public String awaitLine(String what, Duration timeout, Predicate<String> match) {
        Object[] found = new Object[1];
        try {
            Await.until(what, timeout, () -> {
                for (String l : out) {
                    if (match.test(l)) {
                        found[0] = l;
                        return true;
                    }
                }
                return !process.isAlive() && found[0] == null && outputDrained();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + transcript(), e);
        }
        if (found[0] == null) {
            throw new AssertionError(name + " exited before " + what + "\n" + transcript());
        }
        return (String) found[0];
    }

    private boolean outputDrained() {
        try {
            return process.getInputStream().available() == 0;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Waits for the script to end.
     *
     * @param timeout deadline; the process is killed when it passes
     * @return the exit code
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError(name + " did not finish within " + timeout.toMillis() + " ms\n"
                        + transcript());
            }
            // let the pumps read what is left
            Await.until("output of " + name, Duration.ofSeconds(5), this::outputDrained);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for a script of scenarios to end (it prints one {@code PASS name} or {@code FAIL name: why} line
     * per scenario) and asserts that no scenario failed, that it exited with 0 and that the expected number
     * of scenarios passed.
     *
     * @param timeout deadline; the process is killed when it passes
     * @param expectedPasses how many scenarios must pass
     */
    public void assertScenariosPass(Duration timeout, int expectedPasses) {
        int exit = awaitExit(timeout);
        List<String> lines = lines();
        Assertions.assertTrue(lines.stream().noneMatch(l -> l.startsWith("FAIL")), transcript());
        Assertions.assertEquals(0, exit, transcript());
        Assertions.assertEquals(expectedPasses, lines.stream().filter(l -> l.startsWith("PASS")).count(),
                transcript());
    }

    /** @return standard output and error so far, for failure messages */
    public String transcript() {
        return "--- " + name + " stdout ---\n" + String.join("\n", out) + "\n--- stderr ---\n" + String.join("\n", err);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
