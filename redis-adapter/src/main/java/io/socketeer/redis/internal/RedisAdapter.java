package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.adapter.AckCollector;
import io.socketeer.socketio.adapter.AdapterNamespace;
import io.socketeer.socketio.adapter.AnswersTimeoutException;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.InMemoryAdapter;
import io.socketeer.socketio.adapter.OutgoingPacket;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.adapter.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The adapter of one namespace on Redis pub/sub, speaking the protocol of {@code @socket.io/redis-adapter}
 * 8.x. Channels, for key {@code k} and namespace {@code n}:
 * <ul>
 * <li>{@code k#n#} for broadcasts, {@code k#n#room#} for broadcasts to a single room (a server that has no
 *     socket in that room skips them); a server subscribes to the pattern {@code k#n#*};</li>
 * <li>{@code k-request#n#} for requests; its subscriber count is the number of servers;</li>
 * <li>{@code k-response#n#} for responses, and {@code k-response#n#uid#} for those addressed to this
 *     adapter.</li>
 * </ul>
 * Local work (rooms, delivery) is the in-memory adapter's and happens whether or not Redis is reachable.
 * Messages from Redis are handled in order on a serial executor, never on Lettuce's event loop; a message
 * that cannot be read is logged and dropped.
 */
public final class RedisAdapter extends InMemoryAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final char[] ID_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final RedisLink link;
    private final String uid = newId();
    private final String channel;
    private final String requestChannel;
    private final String responseChannel;
    private final String specificResponseChannel;
    private final SerialExecutor inbox;
    private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, BroadcastAcks> ackRequests = new ConcurrentHashMap<>();
    private volatile int lastServerCount = 1;
    private volatile CompletableFuture<Void> ready;

    /**
     * Creates the adapter of a namespace.
     *
     * @param namespace the namespace
     * @param link the server's Redis connections
     */
    public RedisAdapter(AdapterNamespace namespace, RedisLink link) {
        super(namespace);
        this.link = link;
        String key = link.options().key();
        this.channel = key + "#" + namespace.name() + "#";
        this.requestChannel = key + "-request#" + namespace.name() + "#";
        this.responseChannel = key + "-response#" + namespace.name() + "#";
        this.specificResponseChannel = responseChannel + uid + "#";
        this.inbox = new SerialExecutor(link.options().executor());
    }

    /** The uid2(6) ids of the reference: six characters from [A-Za-z0-9]. */
    private static String newId() {
        char[] c = new char[6];
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < c.length; i++) {
            c[i] = ID_CHARS[r.nextInt(ID_CHARS.length)];
        }
        return new String(c);
    }

    /** @return this adapter's id in the cluster */
    public String uid() {
        return uid;
    }

    @Override
    public void init() {
        ready = CompletableFuture.allOf(
                link.psubscribe(channel + "*",
                        (ch, msg) -> inbox.execute(() -> safely(ch, () -> onBroadcast(ch, msg)))),
                link.subscribe(requestChannel, (ch, msg) -> inbox.execute(() -> safely(ch, () -> onRequest(msg)))),
                link.subscribe(responseChannel,
                        (ch, msg) -> inbox.execute(() -> safely(ch, () -> onResponse(msg)))),
                link.subscribe(specificResponseChannel,
                        (ch, msg) -> inbox.execute(() -> safely(ch, () -> onResponse(msg)))));
    }

    /** @return completes when the four subscriptions of this namespace are confirmed by Redis */
    @Override
    public CompletableFuture<Void> ready() {
        CompletableFuture<Void> r = ready;
        return r == null ? CompletableFuture.failedFuture(new IllegalStateException("not initialised")) : r;
    }

    @Override
    public void close() {
        link.unsubscribe(channel + "*", requestChannel, responseChannel, specificResponseChannel);
        for (PendingRequest p : requests.values()) {
            p.result.completeExceptionally(new IllegalStateException("adapter closed"));
        }
        requests.clear();
        ackRequests.clear();
    }

    private void safely(String ch, Runnable handler) {
        try {
            handler.run();
        } catch (MalformedMessageException e) {
            log.warn("namespace {}: dropped an unreadable message on {}: {}", namespace.name(), ch, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("namespace {}: dropped a message on {} that could not be handled", namespace.name(), ch, e);
        }
    }

    // ------------------------------------------------------------ broadcasts

    @Override
    public void broadcast(OutgoingPacket packet, BroadcastOptions options) {
        if (!options.local()) {
            // encoded before the local delivery, which may append a recovery offset to the data
            String ch = options.rooms().size() == 1 ? channel + options.rooms().iterator().next() + "#" : channel;
            link.publish(ch, ClusterCodec.encodeBroadcast(uid, packet, options));
        }
        super.broadcast(packet, options);
    }

    private void onBroadcast(String ch, byte[] msg) {
        if (!ch.startsWith(channel)) {
            return;
        }
        String room = ch.length() > channel.length() ? ch.substring(channel.length(), ch.length() - 1) : "";
        if (!room.isEmpty() && sockets(Set.of(room)).isEmpty()) {
            return; // no socket of that room here
        }
        BroadcastMessage m = ClusterCodec.decodeBroadcast(msg);
        if (uid.equals(m.uid()) || !m.namespace().equals(namespace.name())) {
            return;
        }
        super.broadcast(new OutgoingPacket(PacketType.EVENT, namespace.name(), m.data(), -1), m.options());
    }

    @Override
    public void broadcastWithAck(OutgoingPacket packet, BroadcastOptions options, AckCollector acks) {
        if (options.local()) {
            super.broadcastWithAck(packet, options, acks);
            return;
        }
        String requestId = newId();
        BroadcastAcks gathered = new BroadcastAcks(acks);
        ackRequests.put(requestId, gathered);
        Duration keep = acks.timeout() != null ? acks.timeout() : link.options().requestsTimeout();
        link.schedule(() -> ackRequests.remove(requestId), keep);

        ObjectNode req = NODES.objectNode();
        req.put("uid", uid);
        req.put("requestId", requestId);
        req.put("type", RequestType.BROADCAST.code());
        req.set("packet", ClusterCodec.packet(packet));
        ObjectNode opts = ClusterCodec.options(options, true);
        if (acks.timeout() != null) {
            ((ObjectNode) opts.get("flags")).put("timeout", acks.timeout().toMillis());
        }
        req.set("opts", opts);
        link.publish(requestChannel, ClusterCodec.encodeMsgPack(req));
        super.broadcastWithAck(packet, options, gathered.local());
        serverCount(link.options().requestsTimeout())
                .whenComplete((n, e) -> gathered.servers(e != null ? 1 : n));
    }

    // ------------------------------------------------------------ requests to the other servers

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> local = super.fetchSockets(options).join(); // the in-memory one is already done
        if (options.local()) {
            return CompletableFuture.completedFuture(local);
        }
        ObjectNode req = request(RequestType.REMOTE_FETCH);
        req.set("opts", ClusterCodec.options(options, false));
        return ask(req, "timeout reached while waiting for fetchSockets response").thenApply(descriptions -> {
            List<RemoteSocket> all = new ArrayList<>(local);
            for (JsonNode d : descriptions) {
                try {
                    all.add(ClusterRemoteSocket.read(d, namespace.operator()));
                } catch (MalformedMessageException e) {
                    log.warn("namespace {}: skipped a socket description: {}", namespace.name(), e.getMessage());
                }
            }
            return all;
        });
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        Set<String> local = Set.copyOf(rooms().keySet());
        return ask(request(RequestType.ALL_ROOMS), "timeout reached while waiting for allRooms response")
                .thenApply(remote -> {
                    Set<String> all = new java.util.HashSet<>(local);
                    remote.forEach(room -> all.add(room.asText()));
                    return Set.copyOf(all);
                });
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        super.addSockets(options, rooms);
        if (!options.local()) {
            publishRoomsRequest(RequestType.REMOTE_JOIN, options, rooms);
        }
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        super.delSockets(options, rooms);
        if (!options.local()) {
            publishRoomsRequest(RequestType.REMOTE_LEAVE, options, rooms);
        }
    }

    private void publishRoomsRequest(RequestType type, BroadcastOptions options, Set<String> rooms) {
        ObjectNode req = request(type);
        req.set("opts", ClusterCodec.options(options, false));
        rooms.forEach(req.putArray("rooms")::add);
        link.publish(requestChannel, ClusterCodec.encodeJson(req));
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.local()) {
            ObjectNode req = request(RequestType.REMOTE_DISCONNECT);
            req.set("opts", ClusterCodec.options(options, false));
            req.put("close", close);
            link.publish(requestChannel, ClusterCodec.encodeJson(req));
        }
        super.disconnectSockets(options, close);
    }

    @Override
    public CompletableFuture<List<ArrayNode>> serverSideEmit(ArrayNode args, boolean expectAnswers) {
        ObjectNode req = request(RequestType.SERVER_SIDE_EMIT);
        if (!expectAnswers) {
            req.remove("requestId"); // its presence is what asks for answers
            req.set("data", args);
            link.publish(requestChannel, ClusterCodec.encodeJson(req));
            return CompletableFuture.completedFuture(List.of());
        }
        req.set("data", args);
        return ask(req, null).thenApply(answers -> {
            List<ArrayNode> list = new ArrayList<>(answers.size());
            answers.forEach(a -> list.add(NODES.arrayNode(1).add(a)));
            return List.copyOf(list);
        });
    }

    @Override
    public int serverCount() {
        return lastServerCount;
    }

    private ObjectNode request(RequestType type) {
        ObjectNode req = NODES.objectNode();
        req.put("uid", uid);
        req.put("requestId", newId());
        req.put("type", type.code());
        return req;
    }

    /**
     * Counts the servers, then publishes a request and gathers one answer from each other server.
     *
     * @param req the request, with its requestId
     * @param timeoutMessage the failure's message, or {@code null} for "only n of m"
     * @return the answers' items, completed on the serial executor
     */
    private CompletableFuture<List<JsonNode>> ask(ObjectNode req, String timeoutMessage) {
        String requestId = req.get("requestId").textValue();
        RequestType type = ClusterCodec.type(req);
        CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
        Duration timeout = link.options().requestsTimeout();
        ScheduledFuture<?> timer = link.schedule(() -> {
            PendingRequest p = requests.remove(requestId);
            String message = timeoutMessage != null ? timeoutMessage
                    : p == null ? "timeout reached: the servers could not be counted"
                    : "timeout reached: only " + p.received() + " responses received out of " + p.expected;
            // the answers that did arrive go with the failure, as the reference hands them to its callback
            TimeoutException failure = p == null ? new AnswersTimeoutException(message, List.of(), -1)
                    : new AnswersTimeoutException(message, p.answersSoFar(), p.expected);
            inbox.execute(() -> result.completeExceptionally(failure));
        }, timeout);
        result.whenComplete((v, e) -> {
            timer.cancel(false);
            requests.remove(requestId);
        });
        serverCount(timeout).whenComplete((n, e) -> {
            if (e != null) {
                inbox.execute(() -> result.completeExceptionally(e));
                return;
            }
            int others = n - 1;
            if (others <= 0) {
                inbox.execute(() -> result.complete(List.of()));
                return;
            }
            requests.put(requestId, new PendingRequest(type, others, result));
            link.publish(requestChannel, ClusterCodec.encodeJson(req))
                    .exceptionally(err -> {
                        inbox.execute(() -> result.completeExceptionally(err));
                        return null;
                    });
        });
        return result;
    }

    private CompletableFuture<Integer> serverCount(Duration timeout) {
        return link.numsub(requestChannel).orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .thenApply(n -> {
                    lastServerCount = Math.max(1, n);
                    return n;
                });
    }

    private void onResponse(byte[] msg) {
        ObjectNode r = ClusterCodec.decodeMessage(msg);
        String requestId = r.path("requestId").asText(null);
        if (requestId == null) {
            return;
        }
        BroadcastAcks acks = ackRequests.get(requestId);
        if (acks != null) {
            RequestType type = ClusterCodec.type(r);
            if (type == RequestType.BROADCAST_CLIENT_COUNT) {
                acks.serverReported(r.path("clientCount").asInt());
            } else if (type == RequestType.BROADCAST_ACK) {
                JsonNode packet = r.get("packet");
                acks.answer(NODES.arrayNode(1).add(packet == null ? NODES.nullNode() : packet));
            }
            return;
        }
        PendingRequest p = requests.get(requestId);
        if (p == null) {
            return; // another server's request, or one that timed out
        }
        switch (p.type) {
            case REMOTE_FETCH -> p.add(r.get("sockets"));
            case ALL_ROOMS -> p.add(r.get("rooms"));
            case SERVER_SIDE_EMIT -> p.addOne(r.has("data") ? r.get("data") : NODES.nullNode());
            default -> log.debug("namespace {}: response to a {} request ignored", namespace.name(), p.type);
        }
    }

    // ------------------------------------------------------------ requests from the other servers

    private void onRequest(byte[] msg) {
        ObjectNode r = ClusterCodec.decodeMessage(msg);
        RequestType type = ClusterCodec.type(r);
        if (type == null) {
            log.debug("namespace {}: request of unknown type {} ignored", namespace.name(), r.get("type"));
            return;
        }
        String from = r.path("uid").asText("");
        String requestId = r.path("requestId").asText(null);
        if (uid.equals(from) || (requestId != null
                && (requests.containsKey(requestId) || ackRequests.containsKey(requestId)))) {
            return; // our own request: its local part is done already
        }
        switch (type) {
            case SOCKETS -> {
                ObjectNode res = response(requestId);
                sockets(ClusterCodec.rooms(r.get("rooms"))).forEach(res.putArray("sockets")::add);
                respond(from, ClusterCodec.encodeJson(res));
            }
            case ALL_ROOMS -> {
                ObjectNode res = response(requestId);
                rooms().keySet().forEach(res.putArray("rooms")::add);
                respond(from, ClusterCodec.encodeJson(res));
            }
            case REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT -> onRemoteAction(type, r, from, requestId);
            case REMOTE_FETCH -> {
                ObjectNode res = response(requestId);
                ArrayNode list = res.putArray("sockets");
                for (RemoteSocket s : super.fetchSockets(ClusterCodec.decodeOptions(r.path("opts"))).join()) {
                    list.add(ClusterRemoteSocket.describe(s, namespace));
                }
                respond(from, ClusterCodec.encodeJson(res));
            }
            case SERVER_SIDE_EMIT -> {
                JsonNode data = r.get("data");
                if (data == null || !data.isArray()) {
                    throw new MalformedMessageException("server-side event without data");
                }
                Consumer<ArrayNode> answer = requestId == null ? null : args -> {
                    ObjectNode res = ClusterCodec.message(RequestType.SERVER_SIDE_EMIT);
                    res.put("requestId", requestId);
                    res.set("data", args.isEmpty() ? NODES.nullNode() : args.get(0)); // one value per server
                    link.publish(responseChannel, ClusterCodec.encodeJson(res)); // the reference's choice
                };
                namespace.receiveServerSideEmit((ArrayNode) data, answer);
            }
            case BROADCAST -> onBroadcastRequest(r, from, requestId);
            default -> log.debug("namespace {}: {} is not a request", namespace.name(), type);
        }
    }

    private void onRemoteAction(RequestType type, ObjectNode r, String from, String requestId) {
        JsonNode opts = r.get("opts");
        if (opts != null) {
            BroadcastOptions o = ClusterCodec.decodeOptions(opts);
            switch (type) {
                case REMOTE_JOIN -> super.addSockets(o, ClusterCodec.rooms(r.get("rooms")));
                case REMOTE_LEAVE -> super.delSockets(o, ClusterCodec.rooms(r.get("rooms")));
                default -> super.disconnectSockets(o, r.path("close").asBoolean());
            }
            return;
        }
        // the older form, one socket by id, answered when done
        RemoteSocket s = namespace.localSocket(r.path("sid").asText(""));
        if (s == null) {
            return;
        }
        switch (type) {
            case REMOTE_JOIN -> s.join(r.path("room").asText());
            case REMOTE_LEAVE -> s.leave(r.path("room").asText());
            default -> s.disconnect(r.path("close").asBoolean());
        }
        respond(from, ClusterCodec.encodeJson(response(requestId)));
    }

    private void onBroadcastRequest(ObjectNode r, String from, String requestId) {
        JsonNode packet = r.get("packet");
        if (requestId == null || packet == null || !packet.path("data").isArray() || packet.get("data").isEmpty()) {
            throw new MalformedMessageException("broadcast request without packet data");
        }
        OutgoingPacket p = new OutgoingPacket(PacketType.EVENT, namespace.name(), (ArrayNode) packet.get("data"),
                namespace.nextAckId());
        super.broadcastWithAck(p, ClusterCodec.decodeOptions(r.path("opts")), new AckCollector() {
            @Override
            public void expect(int count) {
                ObjectNode res = ClusterCodec.message(RequestType.BROADCAST_CLIENT_COUNT);
                res.put("requestId", requestId);
                res.put("clientCount", count);
                respond(from, ClusterCodec.encodeJson(res));
            }

            @Override
            public void answer(ArrayNode args) {
                ObjectNode res = ClusterCodec.message(RequestType.BROADCAST_ACK);
                res.put("requestId", requestId);
                res.set("packet", args.isEmpty() ? NODES.nullNode() : args.get(0)); // the reference sends one value
                respond(from, ClusterCodec.encodeMsgPack(res));
            }
        });
    }

    private static ObjectNode response(String requestId) {
        ObjectNode res = NODES.objectNode();
        res.put("requestId", requestId);
        return res;
    }

    private void respond(String requester, byte[] response) {
        link.publish(link.options().publishOnSpecificResponseChannel()
                ? responseChannel + requester + "#" : responseChannel, response);
    }

    /** A request waiting for the other servers' answers; touched on the serial executor only. */
    private static final class PendingRequest {
        final RequestType type;
        final int expected;
        final CompletableFuture<List<JsonNode>> result;
        private final List<JsonNode> items = new ArrayList<>();
        private int received;

        PendingRequest(RequestType type, int expected, CompletableFuture<List<JsonNode>> result) {
            this.type = type;
            this.expected = expected;
            this.result = result;
        }

        synchronized int received() {
            return received;
        }

        /** @return the items received so far, each wrapped as the arguments of one answer */
        synchronized List<ArrayNode> answersSoFar() {
            List<ArrayNode> list = new ArrayList<>(items.size());
            items.forEach(a -> list.add(NODES.arrayNode(1).add(a)));
            return list;
        }

        /** One server answered with a list (ignored when it is not one, as the reference does). */
        synchronized void add(JsonNode list) {
            if (list == null || !list.isArray()) {
                return;
            }
            list.forEach(items::add);
            done();
        }

        /** One server answered with a value. */
        synchronized void addOne(JsonNode value) {
            items.add(value);
            done();
        }

        private void done() {
            if (++received >= expected) {
                result.complete(List.copyOf(items));
            }
        }
    }
}
