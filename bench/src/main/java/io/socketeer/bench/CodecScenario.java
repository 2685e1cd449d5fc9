package io.socketeer.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Parsers and compression: the closed-loop echo of {@link EchoScenario} (10 clients, one event in flight each)
 * with an object argument, against one variant of our server ({@link Codec}): what the MessagePack parser and
 * permessage-deflate cost in server CPU and allocation, and save in bytes on the wire. The wire bytes are those
 * the generator's sockets read and write in the window (WebSocket frames with their headers; no TCP/IP
 * headers), per answered event.
 *
 * <p>Each client cycles through {@value #VARIANTS} pre-encoded events of the same size and different texts:
 * with compression the server keeps its window of 32 KB from message to message, and the same event over and
 * over would compress to a back-reference to the previous one, which no real traffic does.
 */
final class CodecScenario {

    static final String SECTION = "Parsers and compression, echo, closed loop (ours)";
    static final String UP = "bytes on the wire per event, client → server";
    static final String DOWN = "bytes on the wire per event, server → client";
    static final int CLIENTS = 10;
    /** Distinct events per point: more than a 32 KB deflate window holds even of the 32 B ones. */
    static final int VARIANTS = 1024;

    private static final long MAX_LATENCY = TimeUnit.SECONDS.toNanos(60);
    private static final String[] WORDS = {"the", "a", "meeting", "is", "moved", "to", "room", "four", "at", "ten",
        "please", "bring", "your", "notes", "and", "coffee", "we", "will", "review", "last", "week's", "numbers",
        "then", "plan", "next", "release", "thanks", "see", "you", "there", "ok", "sounds", "good", "for", "me",
        "can", "someone", "share", "the", "link", "deploy", "went", "fine", "no", "errors", "so", "far"};

    private final ServerProcess server;
    private final LoadGenerator gen;
    private final Results results;
    private final Codec codec;
    private final List<Conn> conns = new ArrayList<>();
    // state of the running point, touched on the generator's event loop only
    private final Histogram latency = new Histogram(MAX_LATENCY, 3);
    private long answers;
    private boolean running;
    private boolean warm;

    CodecScenario(ServerProcess server, LoadGenerator gen, Results results, Codec codec) {
        this.server = server;
        this.gen = gen;
        this.results = results;
        this.codec = codec;
    }

    /** @return the row of a payload size, e.g. "10 clients, 1 KB object" */
    static String row(int size) {
        return CLIENTS + " clients, " + EchoScenario.sizeLabel(size) + " object";
    }

    /**
     * The argument of an event: a chat-like object whose JSON text is exactly {@code size} bytes (at least
     * 24), {@code {"user":"ada","text":"…"}} and, from 256 bytes, a room, an id and a time; the text is words
     * from a small vocabulary, so that it compresses about as well as chat messages do.
     *
     * @param size    the length of its JSON text
     * @param variant picks the words
     */
    static ObjectNode argument(int size, int variant) {
        ObjectNode o = Codec.MAPPER.createObjectNode();
        o.put("user", "ada");
        if (size >= 256) {
            o.put("room", "general");
            o.put("id", "7f3a91c2e05b");
            o.put("sent", "2025-03-14T09:26:53.589Z");
        }
        o.put("text", "");
        int fill = size - json(o).length();
        if (fill < 0) {
            throw new IllegalArgumentException("too small: " + size);
        }
        Random random = new Random(variant);
        StringBuilder text = new StringBuilder(fill + 16);
        while (text.length() < fill) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        text.setLength(fill);
        o.put("text", text.toString());
        return o;
    }

    private static String json(ObjectNode o) {
        try {
            return Codec.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers count and are timed, and each sends the client's next event. */
    private Conn.Listener listener(ByteBuf[] frames) {
        return (conn, payload) -> {
            boolean echo = codec == Codec.MSGPACK ? Codec.msgpackType(payload) == 2 : Conn.startsWith(payload, "42");
            if (!echo) {
                return;
            }
            long now = System.nanoTime();
            long at = conn.inflight.poll();
            if (at < 0) {
                return;
            }
            latency.recordValue(Math.min(now - at, MAX_LATENCY));
            answers++;
            if (running) {
                conn.inflight.add(now);
                conn.send(frames[conn.seq++ & (VARIANTS - 1)]);
            }
        };
    }

    /**
     * Runs one closed-loop point.
     *
     * @param size    the JSON size of the argument
     * @param warmUp  seconds before the window
     * @param measure seconds of the window
     */
    void closedLoop(int size, double warmUp, double measure) throws Exception {
        if (conns.isEmpty()) {
            conns.addAll(Conns.open(gen, 0, CLIENTS, CLIENTS, codec));
        }
        ByteBuf[] frames = new ByteBuf[VARIANTS];
        for (int i = 0; i < VARIANTS; i++) {
            frames[i] = codec.eventFrame("echo", argument(size, i));
        }
        Conn.Listener listener = listener(frames);
        gen.run(() -> {
            running = true;
            for (Conn c : conns) {
                c.listener(listener);
                c.inflight.clear();
                c.inflight.add(System.nanoTime());
                c.send(frames[c.seq++ & (VARIANTS - 1)]);
            }
        });
        if (!warm) {
            warmUp += 3; // the first point of a fresh server also warms its JIT
            warm = true;
        }
        Conns.sleep(warmUp);
        Window w = Window.open(server);
        long[] bytes0 = gen.call(() -> {
            latency.reset();
            answers = 0;
            return bytes();
        });
        Conns.sleep(measure);
        long[] bytes1 = gen.call(this::bytes);
        long n = gen.call(() -> answers);
        Histogram h = gen.call(latency::copy);
        w.close();
        gen.run(() -> running = false);
        drain();
        String row = row(size);
        Server s = server.server();
        results.put(SECTION, EchoScenario.CPU, row, s, w.cpuMicrosPer(n));
        results.put(SECTION, EchoScenario.USER, row, s, w.userMicrosPer(n));
        results.put(SECTION, UP, row, s, (double) (bytes1[1] - bytes0[1]) / Math.max(1, n));
        results.put(SECTION, DOWN, row, s, (double) (bytes1[0] - bytes0[0]) / Math.max(1, n));
        double alloc = w.allocPer(n);
        if (alloc >= 0) {
            results.put(SECTION, "server bytes allocated per event", row, s, alloc);
        }
        results.put(SECTION, "events per second", row, s, n / w.seconds());
        results.put(SECTION, "server CPU % of its core", row, s, w.cpuPercent());
        results.put(SECTION, "latency p50 µs", row, s, h.getValueAtPercentile(50) / 1000.0);
        results.put(SECTION, "latency p99 µs", row, s, h.getValueAtPercentile(99) / 1000.0);
        results.background(SECTION, row, s, w);
    }

    /** @return bytes read and written by the connections so far */
    private long[] bytes() {
        long[] b = new long[2];
        for (Conn c : conns) {
            b[0] += c.bytesRead;
            b[1] += c.bytesWritten;
        }
        return b;
    }

    /** Waits until every event in flight is answered (at most 10 s), so points do not overlap. */
    private void drain() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (gen.call(() -> conns.stream().mapToInt(c -> c.inflight.size()).sum()) == 0) {
                return;
            }
            Thread.sleep(50);
        }
        Log.line("  " + server.server().label() + ": answers still missing after 10 s");
    }

    /** Closes the connections. */
    void close() throws Exception {
        Conns.closeAll(gen, conns);
    }
}
