package com.example;

import io.lettuce.core.RedisClient;
import io.socketeer.redis.RedisAdapterFactory;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;

/**
 * One node of a cluster: broadcasts to rooms reach the clients of every node on the same Redis, Java or Node.js
 * ({@code @socket.io/redis-adapter}).
 */
public class ClusterNode {

    private final RedisClient redis;
    private final RedisAdapterFactory adapter;
    private final SocketIoServer io;

    public ClusterNode(String redisUrl) {
        redis = RedisClient.create(redisUrl);
        adapter = RedisAdapterFactory.create(redis);
        io = SocketIoServer.create(SocketIoOptions.builder().adapter(adapter).build());
        io.onConnection(socket -> {
            socket.on("join", args -> socket.join(args.getString(0)));
            socket.on("say", args -> io.to(args.getString(0)).emit("said", socket.id(), args.get(1)));
        });
    }

    /** @return the server */
    public SocketIoServer io() {
        return io;
    }

    /**
     * Listens; completes once the adapter is subscribed, so no cluster message sent after that is missed.
     *
     * @param port the port, 0 for any
     * @return the bound address
     */
    public InetSocketAddress start(int port) {
        return io.start(port).join();
    }

    /** Stops the server, then the Redis connections. */
    public void close() {
        io.close().join();
        adapter.close();
        redis.shutdown();
    }

    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        ClusterNode node = new ClusterNode(url);
        System.out.println("listening on " + node.start(port));
    }
}
