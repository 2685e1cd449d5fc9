package io.socketeer.bench;

import io.lettuce.core.RedisClient;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.msgpack.MsgpackParser;
import io.socketeer.redis.RedisAdapterFactory;
import io.socketeer.redis.RedisAdapterOptions;
import io.socketeer.redis.RedisStreamsAdapterFactory;
import io.socketeer.redis.RedisStreamsAdapterOptions;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Our server with the benchmark's handlers: echo, acknowledged echo, join, fan-out to "room". One I/O thread,
 * listeners on it, the JSON parser, no compression, epoll. usage:
 * {@code port [pool] [io_uring] [msgpack] [deflate] [redis=<key>] [streams=<key>]}; "io_uring" takes Netty's
 * io_uring transport instead of epoll, "pool" runs the listeners on the default handler executor instead,
 * "msgpack" uses the MessagePack parser,
 * "deflate" offers permessage-deflate on WebSockets, "redis=<key>" joins the cluster of that key through the Redis
 * adapter (Redis at {@code $BENCH_REDIS}, default {@value #REDIS}), "annotated" alone runs the echo through an
 * annotated controller instead ({@link AnnotatedEchoServer}). Answers the {@link Admin} lines.
 */
public final class OurServer {

    /** Where the Redis of the cluster family runs unless {@code $BENCH_REDIS} says otherwise. */
    static final String REDIS = "redis://127.0.0.1:6379";

    private OurServer() {
    }

    /**
     * Starts the server and prints READY.
     *
     * @param args the port, then any of "pool", "msgpack", "deflate", "redis=<key>"
     */
    public static void main(String[] args) {
        List<String> flags = List.of(args).subList(1, args.length);
        if (flags.equals(List.of("annotated"))) { // the same echo through the Spring Boot starter
            AnnotatedEchoServer.run(Integer.parseInt(args[0]));
            return;
        }
        for (String f : flags) {
            if (!List.of("pool", "msgpack", "deflate", "io_uring").contains(f) && redisKey(f) == null
                    && !(f.startsWith("streams=") && f.length() > "streams=".length())) {
                throw new IllegalArgumentException("unknown flag " + f);
            }
        }
        // both native transports are on the bench's class path: epoll unless io_uring is asked for
        System.setProperty("io.socketeer.transport", flags.contains("io_uring") ? "io_uring" : "epoll");
        SocketIoOptions.Builder options = SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().path("/socket.io/").httpCompression(false)
                        .perMessageDeflate(flags.contains("deflate")).build())
                .serveClient(false)
                .handlersOnEventLoop(!flags.contains("pool"))
                .ioThreads(1);
        if (flags.contains("msgpack")) {
            options.parser(MsgpackParser.create());
        }
        for (String f : flags) {
            String key = redisKey(f);
            if (key != null) { // lives as long as the process: no shutdown
                String url = System.getenv().getOrDefault("BENCH_REDIS", REDIS);
                options.adapter(RedisAdapterFactory.create(RedisClient.create(url),
                        RedisAdapterOptions.builder().key(key).build()));
            }
        }
        for (String f : flags) {
            if (f.startsWith("streams=")) { // the Redis Streams adapter, recovery off; lives as long as the process
                String key = f.substring("streams=".length());
                options.adapter(RedisStreamsAdapterFactory.create(
                        RedisClient.create(System.getenv().getOrDefault("BENCH_REDIS", REDIS)),
                        RedisStreamsAdapterOptions.builder().streamName(key).channelPrefix(key)
                                .sessionKeyPrefix(key + ":session:").build()));
            }
        }
        SocketIoServer io = SocketIoServer.create(options.build());
        io.onConnection(socket -> {
            socket.on("echo", a -> socket.emit("echo", a.toArray()));
            socket.on("echoack", (a, ack) -> ack.send(a.toArray()));
            socket.on("join", a -> socket.join(a.getString(0)));
            socket.on("fanout", a -> io.to("room").emit("fan", a.get(0)));
        });
        io.start(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]))).join();
        Admin.serve();
    }

    /** @return the key of a {@code redis=<key>} flag, or null for another flag */
    static String redisKey(String flag) {
        return flag.startsWith("redis=") && flag.length() > "redis=".length() ? flag.substring("redis=".length())
                : null;
    }
}
