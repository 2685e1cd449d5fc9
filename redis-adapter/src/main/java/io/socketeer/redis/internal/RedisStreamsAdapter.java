package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.StreamMessage;
import io.socketeer.socketio.adapter.AdapterNamespace;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.OutgoingPacket;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.adapter.PersistedSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The adapter of one namespace on a Redis stream, as {@code @socket.io/redis-streams-adapter} 0.3.x: the
 * lasting messages (broadcasts, {@code socketsJoin}/{@code socketsLeave}/{@code disconnectSockets}) are stream
 * entries, whose ids are the offsets of connection state recovery; requests, responses and broadcasts with
 * acknowledgements travel on pub/sub ({@code <prefix>#<nsp>#} and {@code <prefix>#<nsp>#<uid>#}), encoded as
 * MessagePack; sessions are kept in Redis, so any server restores them.
 *
 * <p>With recovery on, this server's own broadcasts reach its sockets when its reader reads them back from
 * the stream, in stream order like everyone else's. A session being restored is served by one ordered path:
 * its replay (the entries after the client's offset up to the last entry this adapter had handled when the
 * restore began) then the live entries that arrived meanwhile, held back from the socket until it has joined
 * its rooms and this server has read up to the client's offset. Nothing is lost or delivered twice between
 * the replay and the live stream (see {@link Restore}).
 */
public final class RedisStreamsAdapter extends ClusterProtocolAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedisStreamsAdapter.class);

    private final StreamsLink link;
    private final String stream;
    private final String publicChannel;
    private final String privateChannel;
    /** The last stream entry of this namespace handled on the inbox (or where reading began). */
    private volatile String lastSeen = "0-0";
    private final Map<String, Restore> restores = new ConcurrentHashMap<>();
    private final Object restoreLock = new Object();
    /** How many more times a session not found yet is asked for (see take). */
    private static final int SESSION_ATTEMPTS = 4;
    /** How long a broadcast waits for its entry id before it is delivered here without one. */
    private static final long PUBLISH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A timeout check this late means the process was not running meanwhile. */
    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How many times a late check gives Redis's answer another period. */
    private static final int MAX_EXTENSIONS = 3;
    /** Our broadcasts between their XADD and reading them back; touched on the inbox only. */
    private final OwnBroadcasts own = new OwnBroadcasts();
    /** Set when the namespace closes with recovery on: completes once its last socket has left. */
    private volatile CompletableFuture<Void> departed;

    /**
     * Creates the adapter of a namespace.
     *
     * @param namespace the namespace
     * @param link the server's Redis connections
     */
    public RedisStreamsAdapter(AdapterNamespace namespace, StreamsLink link) {
        super(namespace, link.options().executor(), link.options().requestsTimeout(), link.timers());
        this.link = link;
        this.stream = link.streamOf(namespace.name());
        this.publicChannel = link.options().channelPrefix() + "#" + namespace.name() + "#";
        this.privateChannel = publicChannel + uid + "#";
    }

    /**
     * Registers with the stream reader and subscribes; {@link #ready()} completes when the reader of this
     * namespace's stream has issued its first read (so every entry added from then on is read) and Redis
     * confirmed the subscriptions.
     */
    @Override
    public void init() {
        lastSeen = link.register(namespace.name(), this);
        readyWhen(CompletableFuture.allOf(link.reading(stream),
                link.subscribe(this::onRaw, publicChannel, privateChannel)));
    }

    /**
     * Stops taking the cluster's messages. The server closes its namespaces as it shuts down, before its
     * sockets have all left them; with recovery on, the link's close waits until they have, each having
     * stored its session.
     */
    @Override
    public void close() {
        link.unregister(namespace.name());
        link.unsubscribe(publicChannel, privateChannel);
        super.close();
        if (recovery()) {
            CompletableFuture<Void> departed = new CompletableFuture<>();
            this.departed = departed;
            link.closeAfter(departed);
            checkDeparted();
        }
    }

    @Override
    public void delAll(String socketId) {
        super.delAll(socketId);
        checkDeparted();
    }

    private void checkDeparted() {
        CompletableFuture<Void> d = departed;
        if (d != null && sockets(Set.of()).isEmpty()) {
            d.complete(null);
        }
    }

    private void onRaw(String channel, byte[] bytes) {
        inbox.execute(() -> safely(channel, () -> onMessage(ClusterMessages.checked(MsgPack.decode(bytes)), null)));
    }

    /**
     * Takes an entry of this namespace from the stream reader, in stream order.
     *
     * @param id the entry's id
     * @param fields its fields
     */
    void onEntry(String id, Map<String, byte[]> fields) {
        inbox.execute(() -> {
            safely("entry " + id + " of " + stream, () -> handleEntry(id, fields));
            lastSeen = id;
            if (!restores.isEmpty()) {
                restores.values().forEach(this::tryFlush);
            }
        });
    }

    private void handleEntry(String id, Map<String, byte[]> fields) {
        ObjectNode m = StreamEntries.decode(fields);
        if (!uid.equals(m.path("uid").asText())) {
            onMessage(m, id);
            return;
        }
        // our own broadcasts with an offset are delivered here, when read back (see broadcast)
        JsonNode data = m.path("data");
        if (recovery() && ClusterMessages.type(m) == ClusterMessageType.BROADCAST && !data.has("requestId")
                && data.path("packet").path("data").isArray()) {
            BroadcastOptions opts = ClusterCodec.decodeOptions(data.path("opts"));
            if (!opts.volatileFlag() && own.readBack(id, fields.get("data"))) {
                deliverRemote((ArrayNode) data.get("packet").get("data"), opts, id);
            }
        }
    }

    private boolean recovery() {
        return namespace.recoveryWindow() != null;
    }

    // ------------------------------------------------------------ transport

    private static boolean ephemeral(ClusterMessageType type, JsonNode data) {
        return type == ClusterMessageType.SERVER_SIDE_EMIT || type == ClusterMessageType.FETCH_SOCKETS
                || (type == ClusterMessageType.BROADCAST && data.has("requestId"));
    }

    @Override
    protected CompletableFuture<String> doPublish(ClusterMessageType type, ObjectNode message) {
        if (ephemeral(type, message.path("data"))) {
            return link.publish(publicChannel, MsgPack.encode(message)).thenApply(n -> "");
        }
        if (unreachable(type)) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis unreachable"));
        }
        return link.xadd(stream, StreamEntries.encode(message));
    }

    /** Whether Redis is known to be gone: then a lasting message reaches this server's sockets only (counted). */
    private boolean unreachable(ClusterMessageType type) {
        if (link.connected()) {
            return false;
        }
        link.countLost();
        log.warn("namespace {}: Redis unreachable, a {} message reached this server's sockets only",
                namespace.name(), type);
        return true;
    }

    @Override
    protected void doPublishResponse(String requesterUid, ObjectNode response) {
        link.publish(link.options().channelPrefix() + "#" + namespace.name() + "#" + requesterUid + "#",
                MsgPack.encode(response)).exceptionally(e -> {
                    log.debug("namespace {}: response not sent: {}", namespace.name(), e.toString());
                    return null;
                });
    }

    @Override
    protected CompletableFuture<Integer> countServers() {
        return link.numsub(publicChannel);
    }

    // ------------------------------------------------------------ broadcasts

    @Override
    public void broadcast(OutgoingPacket packet, BroadcastOptions options) {
        boolean offset = recovery() && packet.type() == PacketType.EVENT && packet.id() < 0 && !options.volatileFlag();
        if (options.local()) {
            String room = options.rooms().size() == 1 ? options.rooms().iterator().next() : null;
            if (offset && room != null && options.except().isEmpty() && namespace.localSocket(room) != null) {
                // a socket's own emit: through the stream, as the reference does, so it gets an offset
                publishThenReadBack(packet, new BroadcastOptions(options.rooms(), Set.of(), false, false,
                        options.compress()));
                return;
            }
            deliverNow(packet, options);
            return;
        }
        if (offset) {
            publishThenReadBack(packet, options);
            return;
        }
        doPublish(ClusterMessageType.BROADCAST, message(ClusterMessageType.BROADCAST,
                broadcastData(packet, options, null))).exceptionally(e -> null);
        deliverNow(packet, options);
    }

    /**
     * Adds a broadcast to the stream; this server's sockets get it when the reader reads it back, with its
     * offset. Redis may be gone without the connection knowing yet: when the {@code XADD} is not answered in
     * time, the broadcast (and any earlier one of ours still on its way) is delivered here without an offset,
     * and reading it back later delivers nothing (see {@link OwnBroadcasts}).
     */
    private void publishThenReadBack(OutgoingPacket packet, BroadcastOptions options) {
        if (unreachable(ClusterMessageType.BROADCAST)) {
            deliverNow(packet, options); // no offset: this one cannot be recovered
            return;
        }
        Map<String, byte[]> fields = StreamEntries.encode(message(ClusterMessageType.BROADCAST,
                broadcastData(packet, options, null)));
        if (!link.reads(stream)) {
            // nothing reads this namespace's stream back (several streams, a name whose hash is negative, as in
            // Node): delivered here once Redis has the entry, with its id, as the reference does
            link.xadd(stream, fields).whenComplete((id, e) -> inbox.execute(() -> {
                if (e == null) {
                    deliverRemote(packet.data().deepCopy(), options, id);
                } else {
                    link.countLost();
                    deliverNow(packet, options);
                }
            }));
            return;
        }
        OwnBroadcasts.Pending p = new OwnBroadcasts.Pending(fields.get("data"), () -> deliverNow(packet, options));
        inbox.execute(() -> own.add(p)); // queued before the XADD is sent, so before its reading back
        CompletableFuture<String> added = link.xadd(stream, fields);
        added.whenComplete((id, e) -> inbox.execute(() -> {
            if (e == null) {
                own.added(p, id);
            } else if (own.failed(p)) {
                link.countLost();
                log.warn("namespace {}: adding a broadcast to the stream failed ({}); it reached this server's"
                        + " sockets only", namespace.name(), e.toString());
            }
        }));
        watch(p, added, System.nanoTime() + PUBLISH_TIMEOUT_NANOS, 0);
    }

    /**
     * Delivers a broadcast here if Redis has not answered its {@code XADD} by the deadline. A check that runs
     * well after its deadline finds this process was not running (a pause, a starved machine): the answer may
     * be waiting unread, so it waits another period instead, a few times at most.
     */
    private void watch(OwnBroadcasts.Pending p, CompletableFuture<String> added, long deadline, int extensions) {
        link.timers().schedule(() -> {
            if (added.isDone()) {
                return;
            }
            long now = System.nanoTime();
            if (now - deadline > LATE_NANOS && extensions < MAX_EXTENSIONS) {
                watch(p, added, now + PUBLISH_TIMEOUT_NANOS, extensions + 1);
                return;
            }
            inbox.execute(() -> {
                int n = own.overdue(p);
                // counted as lost: a command still queued for a reconnection must not reach the cluster later
                added.cancel(false);
                if (n > 0) {
                    link.countLost(n);
                    log.warn("namespace {}: Redis did not answer, {} broadcast(s) reached this server's sockets"
                            + " only", namespace.name(), n);
                }
            });
        }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void deliverNow(OutgoingPacket packet, BroadcastOptions options) {
        namespace.deliver(packet, targets(options), options, null);
    }

    @Override
    protected void deliverRemote(ArrayNode data, BroadcastOptions options, String offset) {
        boolean withOffset = offset != null && recovery() && !options.volatileFlag();
        if (withOffset) {
            data.add(offset);
        }
        OutgoingPacket packet = new OutgoingPacket(PacketType.EVENT, namespace.name(), data, -1);
        if (!withOffset || restores.isEmpty()) {
            deliverNow(packet, options);
            return;
        }
        synchronized (restoreLock) {
            Set<String> except = new HashSet<>(options.except());
            for (Restore r : restores.values()) {
                except.add(r.sid); // served by its restore until flushed
                if (StreamEntries.compare(offset, r.offset) > 0
                        && StreamEntries.includes(r.rooms, options.rooms(), options.except())) {
                    r.held.add(data);
                }
            }
            deliverNow(packet, new BroadcastOptions(options.rooms(), except, false, true, options.compress()));
        }
    }

    // ------------------------------------------------------------ sessions

    @Override
    public void persistSession(PersistedSession session) {
        Duration window = namespace.recoveryWindow();
        if (window == null) {
            return;
        }
        link.setSession(link.options().sessionKeyPrefix() + session.pid(),
                StreamEntries.encodeSession(session, namespace.toTree(session.data())), window);
    }

    @Override
    public CompletableFuture<PersistedSession> restoreSession(String pid, String offset) {
        if (!recovery() || !StreamEntries.isId(offset)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<PersistedSession> result = new CompletableFuture<>();
        take(pid, offset, 0, result);
        return result;
    }

    /**
     * Takes the session and checks the offset. A client whose server is shutting down may come back before
     * that server has stored its session: with a known offset and no session yet, it is asked again a few
     * times, a quarter of a second apart.
     */
    private void take(String pid, String offset, int attempt, CompletableFuture<PersistedSession> result) {
        link.getdel(link.options().sessionKeyPrefix() + pid)
                .thenCombine(link.xrange(stream, offset, offset), (raw, at) -> {
                    if (raw == null && !at.isEmpty() && attempt < SESSION_ATTEMPTS) {
                        link.timers().schedule(() -> take(pid, offset, attempt + 1, result), 250,
                                TimeUnit.MILLISECONDS);
                    } else {
                        inbox.execute(() -> begin(raw, !at.isEmpty(), offset, result));
                    }
                    return null;
                })
                .exceptionally(e -> {
                    log.debug("namespace {}: restoring a session failed: {}", namespace.name(), e.toString());
                    result.complete(null);
                    return null;
                });
    }

    /** On the inbox: from here on the live entries for this socket are held; the replay is read up to here. */
    private void begin(byte[] raw, boolean offsetKnown, String offset, CompletableFuture<PersistedSession> result) {
        if (raw == null || !offsetKnown) {
            result.complete(null); // unknown or expired session, or the offset was trimmed: a new session
            return;
        }
        PersistedSession session;
        try {
            session = StreamEntries.decodeSession(new String(raw, StandardCharsets.US_ASCII));
        } catch (MalformedMessageException e) {
            log.warn("namespace {}: unreadable session skipped: {}", namespace.name(), e.getMessage());
            result.complete(null);
            return;
        }
        Restore r = new Restore(session.sid(), session.rooms(), offset);
        restores.put(r.sid, r);
        link.timers().schedule(() -> expire(r), link.options().requestsTimeout().toMillis() * 2,
                TimeUnit.MILLISECONDS);
        String cutoff = lastSeen;
        if (StreamEntries.compare(cutoff, offset) <= 0) {
            r.replay = List.of();
            result.complete(session);
            return;
        }
        link.xrange(stream, StreamEntries.next(offset), cutoff).whenComplete((entries, e) -> inbox.execute(() -> {
            if (e != null) {
                restores.remove(r.sid);
                result.complete(null);
                return;
            }
            r.replay = replay(entries, r.rooms);
            result.complete(session);
            tryFlush(r);
        }));
    }

    private List<ArrayNode> replay(List<StreamMessage<String, byte[]>> entries, Set<String> rooms) {
        List<ArrayNode> missed = new ArrayList<>();
        for (StreamMessage<String, byte[]> entry : entries) {
            Map<String, byte[]> f = entry.getBody();
            if (!"3".equals(text(f.get("type"))) || !namespace.name().equals(text(f.get("nsp")))) {
                continue;
            }
            try {
                JsonNode data = StreamEntries.decode(f).path("data");
                BroadcastOptions opts = ClusterCodec.decodeOptions(data.path("opts"));
                JsonNode args = data.path("packet").path("data");
                if (args.isArray() && !data.has("requestId") && !opts.volatileFlag()
                        && StreamEntries.includes(rooms, opts.rooms(), opts.except())) {
                    missed.add(((ArrayNode) args).add(entry.getId()));
                }
            } catch (MalformedMessageException e) {
                log.warn("namespace {}: entry {} skipped in a replay: {}", namespace.name(), entry.getId(),
                        e.getMessage());
            }
        }
        return missed;
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public void addAll(String socketId, Set<String> rooms) {
        super.addAll(socketId, rooms);
        Restore r = restores.isEmpty() ? null : restores.get(socketId);
        if (r != null && socketRooms(socketId).containsAll(r.rooms)) {
            r.joined = true;
            tryFlush(r);
        }
    }

    /** Sends the replay and the held entries once the socket joined its rooms and the reader passed its offset. */
    private void tryFlush(Restore r) {
        synchronized (restoreLock) {
            if (r.done || !r.joined || r.replay == null || StreamEntries.compare(lastSeen, r.offset) < 0) {
                return;
            }
            r.done = true;
            BroadcastOptions only = new BroadcastOptions(Set.of(r.sid), Set.of(), false, true, true);
            for (ArrayNode data : r.replay) {
                deliverNow(new OutgoingPacket(PacketType.EVENT, namespace.name(), data, -1), only);
            }
            for (ArrayNode data : r.held) {
                deliverNow(new OutgoingPacket(PacketType.EVENT, namespace.name(), data, -1), only);
            }
            // only now: a live delivery that finds no restore pending must come after all of the above
            restores.remove(r.sid, r);
        }
    }

    private void expire(Restore r) {
        synchronized (restoreLock) {
            if (!r.done) {
                r.done = true;
                restores.remove(r.sid, r);
                log.debug("namespace {}: restore of {} abandoned (the socket never joined)", namespace.name(), r.sid);
            }
        }
    }

    /**
     * A session being restored: its replay (read once), the live entries held for it meanwhile, and whether
     * its socket has joined its rooms. Guarded by the adapter's restore lock once registered.
     */
    private static final class Restore {
        final String sid;
        final Set<String> rooms;
        final String offset;
        final List<ArrayNode> held = new ArrayList<>();
        volatile List<ArrayNode> replay;
        volatile boolean joined;
        boolean done;

        Restore(String sid, Set<String> rooms, String offset) {
            this.sid = sid;
            this.rooms = Set.copyOf(rooms);
            this.offset = offset;
        }
    }
}
