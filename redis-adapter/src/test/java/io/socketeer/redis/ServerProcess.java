package io.socketeer.redis;

import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A cluster member as a process of its own, ours (a main class such as {@link StreamsNodeMain} on this test's
 * class path) or Node's ({@code npm/cluster/streams-node.js}), on a fixed port so it can be stopped with SIGTERM
 * and started again in its place, as a rolling restart does. Its output lines are kept.
 */
final class ServerProcess implements AutoCloseable {

    private final List<String> command;
    private final String name;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Process process;

    private ServerProcess(String name, List<String> command) {
        this.name = name;
        this.command = command;
    }

    /**
     * One of our servers.
     *
     * @param main its main class, given the Redis URI, the prefix and the port
     * @param redisUri Redis
     * @param prefix the cluster's prefix
     * @param port its port
     * @return the (not started) process
     */
    static ServerProcess java(Class<?> main, String redisUri, String prefix, int port) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ServerProcess("java:" + port, List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), main.getName(), redisUri, prefix,
                Integer.toString(port)));
    }

    /**
     * A Node server with a reference adapter.
     *
     * @param redisUri Redis
     * @param prefix the cluster's prefix
     * @param port its port
     * @param adapter {@code streams} for {@code @socket.io/redis-streams-adapter}, {@code sharded} for
     *                {@code createShardedAdapter} of {@code @socket.io/redis-adapter}
     * @return the (not started) process
     */
    static ServerProcess node(String redisUri, String prefix, int port, String adapter) {
        return new ServerProcess("node:" + port, List.of("node", "cluster/streams-node.js", redisUri, prefix,
                Integer.toString(port), adapter));
    }

    /** @return a name for messages */
    String name() {
        return name;
    }

    /** Starts the process and waits until it listens. */
    void start() {
        int before = lines.size();
        try {
            process = new ProcessBuilder(command).directory(NodeProcess.npmDir().toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Process p = process;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, name + "-out");
        t.setDaemon(true);
        t.start();
        Await.until(name + " listening", Duration.ofSeconds(40),
                () -> lines.stream().skip(before).anyMatch(l -> l.startsWith("port ")));
    }

    /** Sends SIGTERM and waits until the process has exited (it stores its sessions first). */
    void terminate() {
        process.destroy(); // SIGTERM
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " did not exit after SIGTERM:\n" + String.join("\n", lines));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return its output so far */
    List<String> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
