package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * One of our servers with the Redis Streams adapter and recovery on, as a process of its own for
 * {@link RollingRestartTest}: prints {@code port <n>} once listening; on SIGTERM closes the server, then the
 * adapter factory (which waits until Redis has the sessions), then exits.
 *
 * <p>usage: {@code StreamsNodeMain <redis-uri> <prefix> <port>}
 */
public final class StreamsNodeMain {

    private StreamsNodeMain() {
    }

    /**
     * Runs the server until SIGTERM.
     *
     * @param args the Redis URI, the cluster's prefix, the port
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        RedisClient redis = RedisClient.create(args[0]);
        RedisStreamsAdapterFactory adapter = RedisStreamsAdapterFactory.create(redis,
                Cluster.streamsOptions(args[1]));
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().adapter(adapter)
                .connectionStateRecovery(ConnectionStateRecovery.defaults()).build());
        io.onConnection(s -> {
            s.emit("server", "java");
            s.on("join", (a, ack) -> {
                s.join(a.getString(0));
                ack.send("ok"); // nothing is sent when the client asked for no acknowledgement
            });
            s.on("chat", (a, ack) -> {
                io.to(a.getString(0)).emit("chat", a.get(1));
                ack.send("ok");
            });
        });
        io.start(Integer.parseInt(args[2])).join();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            io.close().join();
            adapter.close();
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            done.countDown();
        }));
        System.out.println("port " + io.address().getPort());
        System.out.flush();
        done.await();
    }
}
