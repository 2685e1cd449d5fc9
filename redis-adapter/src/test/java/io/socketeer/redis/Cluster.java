package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.socketio.adapter.AdapterFactory;
import io.socketeer.testkit.Await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Servers of one cluster for a test: each with its own Redis client and adapter factory, on one Redis and
 * one key; plus Java clients connected to them. Closes everything in order.
 */
final class Cluster implements AutoCloseable {

    private static final AtomicInteger KEYS = new AtomicInteger();

    private final String redisUri;
    private final RedisAdapterOptions options;
    private final ClientResources resources = ClientResources.builder()
            .ioThreadPoolSize(2).computationThreadPoolSize(2)
            .reconnectDelay(Delay.constant(Duration.ofMillis(100))).build();
    private final List<RedisClient> redisClients = new ArrayList<>();
    private final java.util.function.Function<RedisClient, AdapterFactory> factoryMaker;
    private final List<AdapterFactory> factories = new ArrayList<>();
    private final List<SocketIoServer> servers = new ArrayList<>();
    private final List<Socket> clients = new ArrayList<>();

    /**
     * @param redisUri the Redis server
     * @param options options, without key: each cluster gets a key of its own
     */
    Cluster(String redisUri, RedisAdapterOptions.Builder options) {
        this.redisUri = redisUri;
        this.options = options.key("test-" + ProcessHandle.current().pid() + "-" + KEYS.incrementAndGet()).build();
        this.factoryMaker = redis -> RedisAdapterFactory.create(redis, this.options);
    }

    /**
     * A cluster of servers with another adapter.
     *
     * @param redisUri the Redis server
     * @param factoryMaker makes a server's adapter factory (an {@link AutoCloseable} one is closed at the end)
     *                     from its Redis client and the cluster's key
     */
    Cluster(String redisUri, java.util.function.BiFunction<RedisClient, String, AdapterFactory> factoryMaker) {
        this.redisUri = redisUri;
        this.options = RedisAdapterOptions.builder()
                .key("test-" + ProcessHandle.current().pid() + "-" + KEYS.incrementAndGet()).build();
        this.factoryMaker = redis -> factoryMaker.apply(redis, options.key());
    }

    /**
     * The options of the Redis Streams adapter for a test cluster: stream, channels and sessions named after
     * its key, requests answered within three seconds.
     *
     * @param key the cluster's key
     * @return the options
     */
    static RedisStreamsAdapterOptions streamsOptions(String key) {
        return RedisStreamsAdapterOptions.builder().streamName(key).channelPrefix(key)
                .sessionKeyPrefix(key + ":session:").requestsTimeout(Duration.ofSeconds(3)).build();
    }

    /**
     * Waits until a server's adapter counts this many servers in the cluster (each counted once subscribed).
     *
     * @param io the server
     * @param servers how many
     */
    static void awaitServers(SocketIoServer io, int servers) {
        Await.until(servers + " servers subscribed", () -> {
            io.fetchSockets().exceptionally(e -> null).join(); // counts the servers again
            return io.sockets().adapter().serverCount() == servers;
        });
    }

    /** @return the cluster's key */
    String key() {
        return options.key();
    }

    /**
     * Starts a server in the cluster.
     *
     * @param setup configures it before it starts
     * @return the server, listening on a free port
     */
    SocketIoServer server(Consumer<SocketIoServer> setup) {
        return server(b -> { }, setup);
    }

    /**
     * Starts a server in the cluster with more options.
     *
     * @param options adds to its options (the adapter is the cluster's)
     * @param setup configures it before it starts
     * @return the server, listening on a free port
     */
    SocketIoServer server(Consumer<SocketIoOptions.Builder> options, Consumer<SocketIoServer> setup) {
        RedisClient redis = RedisClient.create(resources, redisUri);
        redisClients.add(redis);
        AdapterFactory factory = factoryMaker.apply(redis);
        factories.add(factory);
        SocketIoOptions.Builder b = SocketIoOptions.builder().adapter(factory);
        options.accept(b);
        SocketIoServer io = SocketIoServer.create(b.build());
        servers.add(io);
        setup.accept(io);
        io.start(0).join();
        return io;
    }

    /**
     * Connects a Java client over WebSocket and waits until it is connected.
     *
     * @param io the server
     * @param namespace the namespace
     * @param setup registers its listeners before it connects
     * @return the client
     */
    Socket client(SocketIoServer io, String namespace, Consumer<Socket> setup) {
        return client(io.address().getPort(), namespace, setup);
    }

    /**
     * Connects a Java client over WebSocket to any server of the cluster (ours or Node's).
     *
     * @param port the server's port on loopback
     * @param namespace the namespace
     * @param setup registers its listeners before it connects
     * @return the client
     */
    Socket client(int port, String namespace, Consumer<Socket> setup) {
        IO.Options o = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {"websocket"}).build();
        Socket s = IO.socket(URI.create("http://127.0.0.1:" + port + namespace), o);
        clients.add(s);
        setup.accept(s);
        s.connect();
        Await.until("client connected to port " + port, s::connected);
        return s;
    }

    @Override
    public void close() {
        clients.forEach(Socket::close);
        servers.forEach(s -> s.close().join());
        for (AdapterFactory f : factories) {
            if (f instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        redisClients.forEach(c -> c.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
