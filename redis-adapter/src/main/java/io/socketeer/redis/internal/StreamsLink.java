package io.socketeer.redis.internal;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socketeer.redis.RedisStreamsAdapterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What the Redis Streams adapters of one server share: a connection for commands ({@code XADD},
 * {@code XRANGE}, sessions, publishing), one subscribed to the request and response channels, and one
 * {@link StreamReader} per stream whose entries are routed by namespace to the adapter of that namespace.
 * {@link #close()} waits until the sockets that were still connected when their server closed have stored
 * their sessions and Redis has them, so that another server can restore them.
 */
public final class StreamsLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsLink.class);

    private final StatefulRedisConnection<String, byte[]> cmd;
    private final StatefulRedisPubSubConnection<String, byte[]> sub;
    private final List<StatefulRedisConnection<String, byte[]>> readerConnections;
    private final Map<String, StreamReader> readers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final RedisStreamsAdapterOptions options;
    private final Map<String, RedisStreamsAdapter> adapters = new ConcurrentHashMap<>();
    private final ChannelRouter router = new ChannelRouter();
    /** Session writes not answered yet. */
    private final Set<CompletableFuture<?>> pendingWrites = ConcurrentHashMap.newKeySet();
    /** Complete when a closed namespace's last socket has left it, having stored its session. */
    private final List<CompletableFuture<Void>> departures = new CopyOnWriteArrayList<>();
    private final AtomicLong lostPublishes = new AtomicLong();

    /**
     * Starts reading the streams, each from its current end (on the calling thread: it asks Redis where that is).
     *
     * @param cmd the connection for commands
     * @param sub the connection to subscribe on
     * @param readerConnection opens a connection for one stream's blocking reads
     * @param timers where timeouts and retries run
     * @param options the options
     */
    public StreamsLink(StatefulRedisConnection<String, byte[]> cmd, StatefulRedisPubSubConnection<String, byte[]> sub,
                       Supplier<StatefulRedisConnection<String, byte[]>> readerConnection,
                       ScheduledExecutorService timers, RedisStreamsAdapterOptions options) {
        this.cmd = cmd;
        this.sub = sub;
        this.timers = timers;
        this.options = options;
        sub.addListener(router);
        readerConnections = new ArrayList<>();
        for (int i = 0; i < options.streamCount(); i++) {
            String name = options.streamCount() == 1 ? options.streamName() : options.streamName() + "-" + i;
            StatefulRedisConnection<String, byte[]> c = readerConnection.get();
            readerConnections.add(c);
            StreamReader r = new StreamReader(c, name, options.readCount(), options.blockTime().toMillis(),
                    options.maxLen(), timers, this::onEntry);
            readers.put(name, r);
            r.start();
        }
    }

    private void onEntry(String id, StreamMessage<String, byte[]> entry) {
        byte[] nsp = entry.getBody().get("nsp");
        if (nsp == null) {
            log.debug("entry {} without namespace skipped", id);
            return;
        }
        RedisStreamsAdapter a = adapters.get(new String(nsp, StandardCharsets.UTF_8));
        if (a != null) {
            a.onEntry(id, entry.getBody());
        }
    }

    /** @return the options */
    public RedisStreamsAdapterOptions options() {
        return options;
    }

    /** @return where timeouts run */
    public ScheduledExecutorService timers() {
        return timers;
    }

    /**
     * Returns the stream of a namespace: with several streams, the one its name hashes to, as the reference
     * computes it (a 32-bit {@code hash * 31 + char}, and JavaScript's remainder, negative for a negative hash).
     *
     * @param nsp the namespace
     * @return the stream's name
     */
    public String streamOf(String nsp) {
        if (options.streamCount() == 1) {
            return options.streamName();
        }
        int hash = 0;
        for (int i = 0; i < nsp.length(); i++) {
            hash = hash * 31 + nsp.charAt(i);
        }
        return options.streamName() + "-" + (hash % options.streamCount());
    }

    /**
     * Registers the adapter of a namespace: from now on it gets the entries of that namespace.
     *
     * @param nsp the namespace
     * @param adapter its adapter
     * @return the id of the last entry read before (the adapter has not seen it, nor any entry before it)
     */
    String register(String nsp, RedisStreamsAdapter adapter) {
        adapters.put(nsp, adapter);
        StreamReader r = readers.get(streamOf(nsp));
        return r == null ? "0-0" : r.lastId(); // a stream named by a negative hash has no reader, as in Node
    }

    /**
     * @param stream a stream's name
     * @return whether a reader reads it (not so for a stream named by a negative hash)
     */
    boolean reads(String stream) {
        return readers.containsKey(stream);
    }

    void unregister(String nsp) {
        adapters.remove(nsp);
    }

    /** @return whether the command connection is up */
    boolean connected() {
        return cmd.isOpen();
    }

    /** @return how many times a server fell behind a stream's MAXLEN */
    public long gaps() {
        return readers.values().stream().mapToLong(StreamReader::gaps).sum();
    }

    /** @return how many entries were trimmed from a stream before this server read them */
    public long trimmedEntries() {
        return readers.values().stream().mapToLong(StreamReader::lostEntries).sum();
    }

    /** @return how many messages could not be added to the stream (Redis unreachable) */
    public long lostPublishes() {
        return lostPublishes.get();
    }

    void countLost() {
        lostPublishes.incrementAndGet();
    }

    void countLost(int messages) {
        lostPublishes.addAndGet(messages);
    }

    CompletableFuture<String> xadd(String stream, Map<String, byte[]> fields) {
        XAddArgs args = XAddArgs.Builder.maxlen(options.maxLen()).approximateTrimming();
        return cmd.async().xadd(stream, args, fields).toCompletableFuture();
    }

    CompletableFuture<List<StreamMessage<String, byte[]>>> xrange(String stream, String from, String to) {
        return cmd.async().xrange(stream, Range.create(from, to)).toCompletableFuture();
    }

    CompletableFuture<List<StreamMessage<String, byte[]>>> xrange(String stream, String from, String to, int count) {
        return cmd.async().xrange(stream, Range.create(from, to), Limit.from(count)).toCompletableFuture();
    }

    /** Stores a session; {@link #close()} waits for the write. */
    CompletableFuture<String> setSession(String key, String value, Duration expiry) {
        CompletableFuture<String> f = cmd.async().set(key, value.getBytes(StandardCharsets.US_ASCII),
                SetArgs.Builder.px(expiry.toMillis())).toCompletableFuture();
        pendingWrites.add(f);
        f.whenComplete((v, e) -> {
            pendingWrites.remove(f);
            if (e != null) {
                log.warn("storing session {} failed: {}", key, e.toString());
            }
        });
        return f;
    }

    CompletableFuture<byte[]> getdel(String key) {
        return cmd.async().getdel(key).toCompletableFuture();
    }

    CompletableFuture<Long> publish(String channel, byte[] message) {
        return (options.useShardedPubSub() ? cmd.async().spublish(channel, message)
                : cmd.async().publish(channel, message)).toCompletableFuture();
    }

    CompletableFuture<Integer> numsub(String channel) {
        return (options.useShardedPubSub() ? cmd.async().pubsubShardNumsub(channel)
                : cmd.async().pubsubNumsub(channel)).toCompletableFuture()
                .thenApply(m -> m.getOrDefault(channel, 0L).intValue());
    }

    /**
     * Subscribes to channels.
     *
     * @param handler gets their messages
     * @param names the channels
     * @return completes when Redis confirmed the subscriptions
     */
    CompletableFuture<Void> subscribe(BiConsumer<String, byte[]> handler, String... names) {
        for (String c : names) {
            router.addChannel(c, handler);
        }
        CompletableFuture<Void> f = (options.useShardedPubSub() ? sub.async().ssubscribe(names)
                : sub.async().subscribe(names)).toCompletableFuture();
        f.exceptionally(e -> {
            log.warn("subscribing to {} failed: {}", List.of(names), e.toString());
            return null;
        });
        return f;
    }

    /**
     * Tells when a stream is read: its reader knows where it starts and has issued its first read.
     *
     * @param stream the stream
     * @return completes then (at once for a stream without a reader, as in Node)
     */
    CompletableFuture<Void> reading(String stream) {
        StreamReader r = readers.get(stream);
        return r == null ? CompletableFuture.completedFuture(null) : r.started();
    }

    void unsubscribe(String... names) {
        router.removeChannels(names);
        if (sub.isOpen()) {
            if (options.useShardedPubSub()) {
                sub.async().sunsubscribe(names);
            } else {
                sub.async().unsubscribe(names);
            }
        }
    }

    /**
     * Makes {@link #close()} wait for a closed namespace's sockets to leave it.
     *
     * @param departed completes when the last one has left (each stores its session before it leaves)
     */
    void closeAfter(CompletableFuture<Void> departed) {
        departures.add(departed);
    }

    /** @return whether it completed (successfully or not) before the deadline */
    private static boolean await(CompletableFuture<?> f, long deadline) {
        try {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            return true; // a failed write was logged
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits (five seconds at most) until the sockets of the closed namespaces have left them and Redis has
     * the sessions they stored, then stops reading and closes the connections.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        if (!await(CompletableFuture.allOf(departures.toArray(CompletableFuture<?>[]::new)), deadline)
                || !await(CompletableFuture.allOf(pendingWrites.toArray(CompletableFuture<?>[]::new)), deadline)) {
            log.warn("closing with sessions not stored yet: their clients will not be recovered");
        }
        readers.values().forEach(StreamReader::close);
        readerConnections.forEach(StatefulRedisConnection::close);
        sub.close();
        cmd.close();
    }
}
