package io.socketeer.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server with the Redis Streams adapter shutting down while its handler threads are busy: the server's
 * close returns before its sockets have left their namespaces (each stores its session as it leaves), and the
 * adapter factory's close waits for them and for Redis to have the sessions, so that another server can
 * recover their clients. A rolling restart under load depends on it.
 */
class StreamsShutdownTest {

    @RegisterExtension
    static final RedisServer redis = RedisServer.perClass();

    private final HeldExecutor handlers = new HeldExecutor();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        handlers.release();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        handlers.pool.shutdown();
    }

    @Test
    void theFactoryClosesOnlyOnceTheSocketsOfTheClosedServerHaveStoredTheirSessions() throws Exception {
        String key = "shutdown-" + ProcessHandle.current().pid();
        RedisClient client = RedisClient.create(redis.uri());
        open.add(() -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
        RedisStreamsAdapterFactory factory = RedisStreamsAdapterFactory.create(client, Cluster.streamsOptions(key));
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().adapter(factory)
                .handlerExecutor(handlers).connectionStateRecovery(ConnectionStateRecovery.defaults()).build());
        io.start(0).join();
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + io.address().getPort()),
                IO.Options.builder().setForceNew(true).setReconnection(false)
                        .setTransports(new String[] {"websocket"}).build());
        open.add(socket::close);
        socket.connect();
        Await.until("the client connected", socket::connected);

        handlers.hold(); // busy: the socket's close waits for a handler thread
        io.close().join();
        Thread closing = new Thread(factory::close, "factory-close");
        closing.start();
        long moment = System.nanoTime() + Duration.ofMillis(500).toNanos();
        Await.until("a moment while the socket has not left", Duration.ofSeconds(2),
                () -> !closing.isAlive() || System.nanoTime() >= moment);
        assertTrue(closing.isAlive(), "the factory's close waits for the socket still in its namespace");

        handlers.release();
        closing.join(Duration.ofSeconds(10).toMillis());
        assertFalse(closing.isAlive());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertEquals(1, c.sync().keys(key + ":session:*").size(), "the socket's session is stored");
        }
    }

    /** Handler threads that can be held busy: tasks given meanwhile wait until released. */
    private static final class HeldExecutor implements java.util.concurrent.Executor {
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        private final List<Runnable> held = new ArrayList<>();
        private boolean holding;

        @Override
        public synchronized void execute(Runnable task) {
            if (holding) {
                held.add(task);
            } else {
                pool.execute(task);
            }
        }

        synchronized void hold() {
            holding = true;
        }

        synchronized void release() {
            holding = false;
            held.forEach(pool::execute);
            held.clear();
        }
    }
}
