package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
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
    private final List<RedisAdapterFactory> factories = new ArrayList<>();
    private final List<SocketIoServer> servers = new ArrayList<>();
    private final List<Socket> clients = new ArrayList<>();

    /**
     * @param redisUri the Redis server
     * @param options options, without key: each cluster gets a key of its own
     */
    Cluster(String redisUri, RedisAdapterOptions.Builder options) {
        this.redisUri = redisUri;
        this.options = options.key("test-" + ProcessHandle.current().pid() + "-" + KEYS.incrementAndGet()).build();
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
        RedisClient redis = RedisClient.create(resources, redisUri);
        redisClients.add(redis);
        RedisAdapterFactory factory = RedisAdapterFactory.create(redis, options);
        factories.add(factory);
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().adapter(factory).build());
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
        factories.forEach(RedisAdapterFactory::close);
        redisClients.forEach(c -> c.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
