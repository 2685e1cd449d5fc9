package io.socketeer.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Node socket.io server of a test cluster ({@code npm/cluster/redis-node.js} or {@code streams-node.js}),
 * started and listening, driven by commands on its standard input: each command's result comes back as a
 * line {@code <op> <json>} (or {@code <op> error ...}).
 */
final class NodeMember implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeProcess process;
    private final int port;

    private NodeMember(NodeProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a Node server and waits until it listens.
     *
     * @param script its script under {@code npm/}
     * @param args its arguments (the Redis URI, the cluster's key, ...)
     * @return the server
     */
    static NodeMember start(String script, String... args) {
        NodeProcess p = NodeProcess.start(script, args);
        try {
            String line = p.awaitLine("the Node server's port", Duration.ofSeconds(30), l -> l.startsWith("port "));
            return new NodeMember(p, Integer.parseInt(line.substring("port ".length())));
        } catch (RuntimeException | AssertionError e) {
            p.close();
            throw e;
        }
    }

    /** @return the port it listens on, on loopback */
    int port() {
        return port;
    }

    /** @return its process, for its output */
    NodeProcess process() {
        return process;
    }

    /**
     * Sends a command and returns its result.
     *
     * @param op the operation
     * @param args its arguments
     * @return the JSON after the op name in the answer
     */
    JsonNode run(String op, Map<String, Object> args) {
        String prefix = op + " ";
        long before = process.lines().stream().filter(l -> l.startsWith(prefix)).count();
        Map<String, Object> cmd = new HashMap<>(args);
        cmd.put("op", op);
        try {
            process.send(JSON.writeValueAsString(cmd));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Await.until("the Node server's answer to " + op, Duration.ofSeconds(10),
                () -> process.lines().stream().filter(l -> l.startsWith(prefix)).count() > before);
        String rest = process.lines().stream().filter(l -> l.startsWith(prefix)).skip(before).findFirst()
                .orElseThrow().substring(prefix.length());
        if (rest.startsWith("error ")) {
            throw new AssertionError("Node " + op + " failed: " + rest);
        }
        try {
            return JSON.readTree(rest);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Node " + op + " answered " + rest, e);
        }
    }

    /**
     * Waits for an output line.
     *
     * @param what what it means, for the failure
     * @param line the exact line
     */
    void awaitLine(String what, String line) {
        process.awaitLine(what, Duration.ofSeconds(10), line::equals);
    }

    @Override
    public void close() {
        process.close();
    }
}
