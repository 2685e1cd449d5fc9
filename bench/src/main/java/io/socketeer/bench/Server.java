package io.socketeer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The servers under test, and the command that starts each pinned to core 0. */
enum Server {
    /** Ours, listeners on the I/O thread ({@code handlersOnEventLoop(true)}). */
    OURS("ours"),
    /** Ours, listeners on the default handler executor (its cached pool of platform threads). */
    OURS_POOL("ours, default executor"),
    /** Ours, listeners on the I/O thread, on JDK 25: what the JDK alone changes, the hand-off aside. */
    OURS_25("ours, JDK 25"),
    /** Ours, listeners on the default handler executor, on JDK 25. */
    OURS_POOL_25("ours, default executor, JDK 25"),
    /** Ours, listeners on the I/O thread, on Netty's io_uring transport instead of epoll. */
    OURS_IO_URING("ours, io_uring"),
    /** The floor: a bare Netty WebSocket server answering by prefix, no Socket.IO work ({@link FloorServer}). */
    FLOOR("floor"),
    /** netty-socketio 2.0.14 from Maven Central, built by bench/peers/netty-socketio. */
    NETTY_SOCKETIO("netty-socketio"),
    /** socket.io 4.8 on Node, bench/node/server.js. */
    NODE("node"),
    /** Ours with the MessagePack parser (the codecs family only). */
    OURS_MSGPACK("ours, msgpack"),
    /** Ours with permessage-deflate offered (the codecs family only). */
    OURS_DEFLATE("ours, permessage-deflate");

    /** The same flags for both Java servers. */
    static final List<String> JAVA_FLAGS = List.of("-Xmx1g", "-XX:+UseG1GC");
    /**
     * The JDK of {@link #OURS_25} and {@link #OURS_POOL_25}: {@code $BENCH_JDK25}, by default Temurin 25 where this
     * machine has it.
     */
    static final String JDK25 = System.getenv().getOrDefault("BENCH_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64");

    private final String label;

    Server(String label) {
        this.label = label;
    }

    /** @return the name in tables */
    String label() {
        return label;
    }

    /** @return whether this is a codec variant of ours, which only the codecs family runs */
    boolean codecVariant() {
        return this == OURS_MSGPACK || this == OURS_DEFLATE;
    }

    /** @return whether this is ours in another configuration than the one of the main column */
    boolean oursVariant() {
        return this == OURS_POOL || this == OURS_25 || this == OURS_POOL_25 || this == OURS_IO_URING || codecVariant();
    }

    /** @return the server for a name on the command line */
    static Server parse(String name) {
        for (Server s : values()) {
            if (s.label.equals(name) || s.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown server " + name);
    }

    /**
     * @param root the bench directory
     * @param port the port to listen on, on 127.0.0.1
     * @param jvm  more JVM flags, for the Java servers (Node ignores them)
     * @return the command line, starting with {@code taskset -c 0}
     */
    private List<String> base(Path root, int port, List<String> jvm) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "0"));
        List<String> flags = new ArrayList<>(JAVA_FLAGS);
        flags.addAll(jvm);
        switch (this) {
            case OURS, OURS_POOL, OURS_25, OURS_POOL_25, OURS_IO_URING, OURS_MSGPACK, OURS_DEFLATE -> {
                cmd.add(jdkTool("java"));
                cmd.addAll(flags);
                cmd.addAll(extraFlags("BENCH_JVM"));
                cmd.addAll(extraFlags("BENCH_OURS_JVM")); // e.g. a flight recording while profiling
                cmd.addAll(List.of("-cp", classpath(root), OurServer.class.getName(), String.valueOf(port)));
                switch (this) {
                    case OURS_POOL, OURS_POOL_25 -> cmd.add("pool");
                    case OURS_IO_URING -> cmd.add("io_uring");
                    case OURS_MSGPACK -> cmd.add("msgpack");
                    case OURS_DEFLATE -> cmd.add("deflate");
                    default -> { }
                }
            }
            case NETTY_SOCKETIO -> {
                cmd.add("java");
                cmd.addAll(flags);
                cmd.addAll(extraFlags("BENCH_JVM"));
                cmd.addAll(List.of("-cp", classpath(root.resolve("peers/netty-socketio")),
                        "bench.NettySocketIoServer", String.valueOf(port)));
            }
            case FLOOR -> {
                cmd.add("java");
                cmd.addAll(flags);
                cmd.addAll(extraFlags("BENCH_JVM"));
                cmd.addAll(List.of("-cp", classpath(root), FloorServer.class.getName(), String.valueOf(port)));
            }
            case NODE -> cmd.addAll(List.of("node", "--expose-gc", root.resolve("node/server.js").toString(),
                    String.valueOf(port)));
            default -> throw new IllegalStateException();
        }
        return cmd;
    }

    /**
     * @param root the bench directory
     * @param port the port to listen on, on 127.0.0.1
     * @param args more arguments to our server's main, e.g. {@code redis=<key>} ({@link OurServer})
     * @return the command line, starting with {@code taskset -c 0}
     */
    List<String> command(Path root, int port, List<String> args) throws IOException {
        return command(root, port, args, List.of());
    }

    /**
     * @param root the bench directory
     * @param port the port to listen on, on 127.0.0.1
     * @param args more arguments to our server's main, e.g. {@code redis=<key>} ({@link OurServer})
     * @param jvm  more JVM flags, for the Java servers (Node ignores them)
     * @return the command line, starting with {@code taskset -c 0}
     */
    List<String> command(Path root, int port, List<String> args, List<String> jvm) throws IOException {
        if (!args.isEmpty() && (this == NETTY_SOCKETIO || this == NODE || this == FLOOR)) {
            throw new IllegalArgumentException(label + " takes no arguments: " + args);
        }
        List<String> cmd = base(root, port, jvm);
        cmd.addAll(args);
        return cmd;
    }

    /** @return the {@code jcmd} of the JDK this server runs on, or {@code null} for Node */
    String jcmd() {
        return this == NODE ? null : jdkTool("jcmd");
    }

    /** @return a tool of the JDK this server runs on: JDK 25's for the JDK 25 variants, else the one on the path */
    private String jdkTool(String tool) {
        return this == OURS_25 || this == OURS_POOL_25 ? JDK25 + "/bin/" + tool : tool;
    }

    /** @return the JVM flags in an environment variable, split at spaces */
    private static List<String> extraFlags(String variable) {
        String extra = System.getenv(variable);
        return extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    }

    private static String classpath(Path project) throws IOException {
        return project.resolve("target/classes") + ":"
                + Files.readString(project.resolve("target/classpath.txt")).trim();
    }
}
