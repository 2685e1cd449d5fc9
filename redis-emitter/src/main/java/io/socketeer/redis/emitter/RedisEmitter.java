package io.socketeer.redis.emitter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends events to the clients of a Socket.IO cluster whose servers use the Redis pub/sub adapter (ours or
 * {@code @socket.io/redis-adapter} with the same key), from a process that serves no clients. The messages are
 * those of {@code @socket.io/redis-emitter} 5.x.
 *
 * <pre>{@code
 * RedisClient redis = RedisClient.create("redis://localhost:6379");
 * RedisEmitter emitter = RedisEmitter.create(redis);
 * emitter.of("/chat").to("room-1").except("muted").emit("news", Map.of("title", "hello"));
 * }</pre>
 *
 * <p>The emitter opens one connection and only publishes; it needs Lettuce and Jackson, no server. Every
 * method may be called from any thread; operators are immutable. Acknowledgements and {@code fetchSockets}
 * are not offered (they need answers, which only a server receives), as with the reference.
 */
public final class RedisEmitter implements AutoCloseable {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisEmitterOptions options;
    private final EmitterOperator main;

    private RedisEmitter(StatefulRedisConnection<String, byte[]> connection, RedisEmitterOptions options) {
        this.connection = connection;
        this.options = options;
        this.main = of("/");
    }

    /**
     * Connects with the default options (key {@code socket.io}).
     *
     * @param client the Redis client; the caller keeps it and shuts it down after {@link #close()}
     * @return the emitter
     */
    public static RedisEmitter create(RedisClient client) {
        return create(client, RedisEmitterOptions.defaults());
    }

    /**
     * Opens the emitter's connection, on the calling thread.
     *
     * @param client the Redis client; the caller keeps it and shuts it down after {@link #close()}
     * @param options the options
     * @return the emitter
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
     */
    public static RedisEmitter create(RedisClient client, RedisEmitterOptions options) {
        Objects.requireNonNull(options);
        return new RedisEmitter(client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)), options);
    }

    /** @return the options */
    public RedisEmitterOptions options() {
        return options;
    }

    /**
     * Returns the operator of a namespace.
     *
     * @param namespace the namespace, with or without its leading {@code /}
     * @return an operator reaching every socket of the namespace
     */
    public EmitterOperator of(String namespace) {
        String nsp = namespace.startsWith("/") ? namespace : "/" + namespace;
        return new EmitterOperator(this, nsp, Set.of(), Set.of(), NODES.objectNode());
    }

    /**
     * Targets rooms of the main namespace.
     *
     * @param room one or more rooms
     * @return an operator
     */
    public EmitterOperator to(String... room) {
        return main.to(room);
    }

    /**
     * Targets rooms of the main namespace.
     *
     * @param room the rooms
     * @return an operator
     */
    public EmitterOperator to(Collection<String> room) {
        return main.to(room);
    }

    /**
     * Same as {@link #to(String...)}.
     *
     * @param room one or more rooms
     * @return an operator
     */
    public EmitterOperator in(String... room) {
        return main.to(room);
    }

    /**
     * Leaves out rooms of the main namespace.
     *
     * @param room one or more rooms
     * @return an operator
     */
    public EmitterOperator except(String... room) {
        return main.except(room);
    }

    /**
     * Emits an event to every socket of the main namespace; see {@link EmitterOperator#emit}.
     *
     * @param event the event name
     * @param args its arguments
     * @return completes with the number of servers that received it
     */
    public CompletableFuture<Long> emit(String event, Object... args) {
        return main.emit(event, args);
    }

    /**
     * Makes every socket of the main namespace join rooms.
     *
     * @param room the rooms
     * @return completes with the number of servers that received it
     */
    public CompletableFuture<Long> socketsJoin(String... room) {
        return main.socketsJoin(room);
    }

    /**
     * Makes every socket of the main namespace leave rooms.
     *
     * @param room the rooms
     * @return completes with the number of servers that received it
     */
    public CompletableFuture<Long> socketsLeave(String... room) {
        return main.socketsLeave(room);
    }

    /**
     * Disconnects every socket of the main namespace.
     *
     * @param close whether to close their connections
     * @return completes with the number of servers that received it
     */
    public CompletableFuture<Long> disconnectSockets(boolean close) {
        return main.disconnectSockets(close);
    }

    /**
     * Sends an event to the servers of the main namespace (their {@code serverSideEmit} listeners), without
     * acknowledgement; {@code of(namespace).serverSideEmit(...)} for another namespace.
     *
     * @param event the event name
     * @param args its arguments, converted by the options' mapper
     * @return completes with the number of servers that received it
     */
    public CompletableFuture<Long> serverSideEmit(String event, Object... args) {
        return main.serverSideEmit(event, args);
    }

    CompletableFuture<Long> publish(String channel, byte[] message) {
        return connection.async().publish(channel, message).toCompletableFuture();
    }

    /** Closes the connection; the client stays the caller's. */
    @Override
    public void close() {
        connection.close();
    }
}
