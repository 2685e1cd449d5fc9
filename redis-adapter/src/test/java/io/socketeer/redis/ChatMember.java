package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.socketio.adapter.AdapterFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * What every member of {@link RollingRestartTest} run by us does, whatever its adapter: recovery on, the
 * handlers {@code npm/cluster/chat-clients.js} expects ({@code join} a room, {@code chat} to a room, both
 * acknowledged, and a {@code server} event naming the kind of server on connection), {@code port <n>} printed
 * once listening, and on SIGTERM the server closed, then the adapter factory, then the Redis client.
 */
final class ChatMember {

    private ChatMember() {
    }

    /**
     * Serves until SIGTERM.
     *
     * @param redis the adapter's Redis client, shut down last
     * @param adapter the adapter factory, closed once the server is
     * @param port the port
     * @param <F> the factory's type
     * @throws InterruptedException never in practice
     */
    static <F extends AdapterFactory & AutoCloseable> void serve(RedisClient redis, F adapter, int port)
            throws InterruptedException {
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
        io.start(port).join();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            io.close().join();
            try {
                adapter.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            done.countDown();
        }));
        System.out.println("port " + io.address().getPort());
        System.out.flush();
        done.await();
    }
}
