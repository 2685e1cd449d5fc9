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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The adapter of one namespace speaking the cluster protocol of {@code socket.io-adapter} 2.5
 * ({@code ClusterAdapter}): every cross-server operation is a {@link ClusterMessages message}; subclasses say
 * how a message travels ({@link #doPublish}, {@link #doPublishResponse}) and how servers are counted.
 * Incoming messages are handled in order on a serial executor, never on Lettuce's event loop; a message that
 * cannot be read is logged and skipped.
 */
public abstract class ClusterProtocolAdapter extends InMemoryAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClusterProtocolAdapter.class);
    /** JSON nodes. */
    protected static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** This adapter's id in the cluster: 16 hex digits, as the reference's {@code randomBytes(8)}. */
    protected final String uid = randomId();
    /** Where incoming messages are handled, in order. */
    protected final SerialExecutor inbox;
    private final Duration requestsTimeout;
    private final ScheduledExecutorService timers;
    private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, BroadcastAcks> ackRequests = new ConcurrentHashMap<>();
    private volatile int lastServerCount = 1;

    /**
     * Creates the adapter of a namespace.
     *
     * @param namespace the namespace
     * @param executor where incoming messages are handled
     * @param requestsTimeout how long requests wait for answers
     * @param timers where timeouts run
     */
    protected ClusterProtocolAdapter(AdapterNamespace namespace, Executor executor, Duration requestsTimeout,
                                     ScheduledExecutorService timers) {
        super(namespace);
        this.inbox = new SerialExecutor(executor);
        this.requestsTimeout = requestsTimeout;
        this.timers = timers;
    }

    private static String randomId() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** @return this adapter's id in the cluster */
    public String uid() {
        return uid;
    }

    /**
     * Sends a message to every other server; encodes it before returning (the caller may change the packet
     * afterwards).
     *
     * @param type its type
     * @param message the message, {@code uid}, {@code nsp} and {@code type} set
     * @return completes with the offset the message got ({@code ""} when the transport has none)
     */
    protected abstract CompletableFuture<String> doPublish(ClusterMessageType type, ObjectNode message);

    /**
     * Sends a response to the server that asked.
     *
     * @param requesterUid that server's adapter id
     * @param response the response
     */
    protected abstract void doPublishResponse(String requesterUid, ObjectNode response);

    /** @return completes with the number of servers of the namespace, this one included */
    protected abstract CompletableFuture<Integer> countServers();

    @Override
    public void close() {
        for (PendingRequest p : requests.values()) {
            p.result.completeExceptionally(new IllegalStateException("adapter closed"));
        }
        requests.clear();
        ackRequests.clear();
    }

    /**
     * Builds a message from this adapter.
     *
     * @param type its type
     * @param data its data, or {@code null}
     * @return the message
     */
    protected ObjectNode message(ClusterMessageType type, JsonNode data) {
        return ClusterMessages.message(uid, namespace.name(), type, data);
    }

    private CompletableFuture<String> publish(ClusterMessageType type, JsonNode data) {
        CompletableFuture<String> f = doPublish(type, message(type, data));
        f.exceptionally(e -> {
            log.warn("namespace {}: publishing a {} message failed: {}", namespace.name(), type, e.toString());
            return null;
        });
        return f;
    }

    /**
     * Runs a handler for an incoming message, logging and skipping it if it cannot be handled.
     *
     * @param what where it came from, for the log
     * @param handler the handler
     */
    protected void safely(String what, Runnable handler) {
        try {
            handler.run();
        } catch (MalformedMessageException e) {
            log.warn("namespace {}: skipped an unreadable message from {}: {}", namespace.name(), what,
                    e.getMessage());
        } catch (RuntimeException e) {
            log.warn("namespace {}: skipped a message from {} that could not be handled", namespace.name(), what, e);
        }
    }

    // ------------------------------------------------------------ outgoing

    @Override
    public void broadcast(OutgoingPacket packet, BroadcastOptions options) {
        if (options.local()) {
            super.broadcast(packet, options);
            return;
        }
        publish(ClusterMessageType.BROADCAST, broadcastData(packet, options, null));
        super.broadcast(packet, options);
    }

    /**
     * Builds the data of a broadcast: {@code {packet: {type, data, nsp}, opts, requestId?}}.
     *
     * @param packet the packet
     * @param options its receivers
     * @param requestId the acknowledgement request, or {@code null}
     * @return the data
     */
    protected ObjectNode broadcastData(OutgoingPacket packet, BroadcastOptions options, String requestId) {
        ObjectNode data = NODES.objectNode();
        data.set("packet", ClusterCodec.packet(packet));
        data.set("opts", ClusterCodec.options(options, true));
        if (requestId != null) {
            data.put("requestId", requestId);
        }
        return data;
    }

    @Override
    public void broadcastWithAck(OutgoingPacket packet, BroadcastOptions options, AckCollector acks) {
        if (options.local()) {
            super.broadcastWithAck(packet, options, acks);
            return;
        }
        String requestId = randomId();
        BroadcastAcks gathered = new BroadcastAcks(acks);
        ackRequests.put(requestId, gathered);
        Duration keep = acks.timeout() != null ? acks.timeout() : requestsTimeout;
        timers.schedule(() -> ackRequests.remove(requestId), keep.toMillis(), TimeUnit.MILLISECONDS);
        ObjectNode data = broadcastData(packet, options, requestId);
        if (acks.timeout() != null) {
            ((ObjectNode) data.get("opts").get("flags")).put("timeout", acks.timeout().toMillis());
        }
        publish(ClusterMessageType.BROADCAST, data);
        super.broadcastWithAck(packet, options, gathered.local());
        serverCount(requestsTimeout).whenComplete((n, e) -> gathered.servers(e != null ? 1 : n));
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.local()) {
            publish(ClusterMessageType.SOCKETS_JOIN, roomsData(options, rooms));
        }
        super.addSockets(options, rooms);
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.local()) {
            publish(ClusterMessageType.SOCKETS_LEAVE, roomsData(options, rooms));
        }
        super.delSockets(options, rooms);
    }

    private static ObjectNode roomsData(BroadcastOptions options, Set<String> rooms) {
        ObjectNode data = NODES.objectNode();
        data.set("opts", ClusterCodec.options(options, true));
        rooms.forEach(data.putArray("rooms")::add);
        return data;
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.local()) {
            ObjectNode data = NODES.objectNode();
            data.set("opts", ClusterCodec.options(options, true));
            data.put("close", close);
            publish(ClusterMessageType.DISCONNECT_SOCKETS, data);
        }
        super.disconnectSockets(options, close);
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> local = super.fetchSockets(options).join(); // the in-memory one is already done
        if (options.local()) {
            return CompletableFuture.completedFuture(local);
        }
        ObjectNode data = NODES.objectNode();
        data.set("opts", ClusterCodec.options(options, true));
        return ask(ClusterMessageType.FETCH_SOCKETS, data).thenApply(descriptions -> {
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
    public CompletableFuture<List<ArrayNode>> serverSideEmit(ArrayNode args, boolean expectAnswers) {
        ObjectNode data = NODES.objectNode();
        data.set("packet", args);
        if (!expectAnswers) {
            publish(ClusterMessageType.SERVER_SIDE_EMIT, data);
            return CompletableFuture.completedFuture(List.of());
        }
        return ask(ClusterMessageType.SERVER_SIDE_EMIT, data).thenApply(answers -> {
            List<ArrayNode> list = new ArrayList<>(answers.size());
            answers.forEach(a -> list.add(NODES.arrayNode(1).add(a)));
            return List.copyOf(list);
        });
    }

    @Override
    public int serverCount() {
        return lastServerCount;
    }

    private CompletableFuture<Integer> serverCount(Duration timeout) {
        return countServers().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).thenApply(n -> {
            lastServerCount = Math.max(1, n);
            return n;
        });
    }

    /** Counts the servers, publishes a request, and gathers one answer from each other server. */
    private CompletableFuture<List<JsonNode>> ask(ClusterMessageType type, ObjectNode data) {
        String requestId = randomId();
        data.put("requestId", requestId);
        CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
        ScheduledFuture<?> timer = timers.schedule(() -> {
            PendingRequest p = requests.remove(requestId);
            String message = p == null ? "timeout reached: the servers could not be counted"
                    : "timeout reached: only " + p.received() + " responses received out of " + p.expected;
            // the answers that did arrive go with the failure, as in the pub/sub adapter
            TimeoutException failure = p == null ? new AnswersTimeoutException(message, List.of(), -1)
                    : new AnswersTimeoutException(message, p.answersSoFar(), p.expected);
            inbox.execute(() -> result.completeExceptionally(failure));
        }, requestsTimeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((v, e) -> {
            timer.cancel(false);
            requests.remove(requestId);
        });
        serverCount(requestsTimeout).whenComplete((n, e) -> {
            if (e != null) {
                inbox.execute(() -> result.completeExceptionally(e));
                return;
            }
            if (n <= 1) {
                inbox.execute(() -> result.complete(List.of()));
                return;
            }
            requests.put(requestId, new PendingRequest(type, n - 1, result));
            publish(type, data).exceptionally(err -> {
                inbox.execute(() -> result.completeExceptionally(err));
                return null;
            });
        });
        return result;
    }

    // ------------------------------------------------------------ incoming

    /**
     * Handles a message from another server; on the serial executor.
     *
     * @param m the message, checked by {@link ClusterMessages#checked}
     * @param offset its offset in the transport ({@code null} when it has none)
     */
    protected void onMessage(ObjectNode m, String offset) {
        if (uid.equals(m.path("uid").asText()) || !namespace.name().equals(m.path("nsp").asText())) {
            return;
        }
        ClusterMessageType type = ClusterMessages.type(m);
        JsonNode data = m.path("data");
        String from = m.path("uid").asText("");
        switch (type) {
            case BROADCAST -> onBroadcast(data, from, offset);
            case SOCKETS_JOIN -> super.addSockets(ClusterCodec.decodeOptions(data.path("opts")),
                    ClusterCodec.rooms(data.get("rooms")));
            case SOCKETS_LEAVE -> super.delSockets(ClusterCodec.decodeOptions(data.path("opts")),
                    ClusterCodec.rooms(data.get("rooms")));
            case DISCONNECT_SOCKETS -> super.disconnectSockets(ClusterCodec.decodeOptions(data.path("opts")),
                    data.path("close").asBoolean(false));
            case FETCH_SOCKETS -> {
                ArrayNode list = NODES.arrayNode();
                for (RemoteSocket s : super.fetchSockets(ClusterCodec.decodeOptions(data.path("opts"))).join()) {
                    list.add(ClusterRemoteSocket.describe(s, namespace));
                }
                ObjectNode res = NODES.objectNode();
                res.put("requestId", requestId(data));
                res.set("sockets", list);
                respond(from, ClusterMessageType.FETCH_SOCKETS_RESPONSE, res);
            }
            case SERVER_SIDE_EMIT -> onServerSideEmit(data, from);
            case FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE, BROADCAST_CLIENT_COUNT, BROADCAST_ACK ->
                    onResponse(type, data);
            default -> {
                // heartbeats and closes belong to the heartbeat variant of the protocol
            }
        }
    }

    private static String requestId(JsonNode data) {
        JsonNode id = data.get("requestId");
        if (id == null || !id.isTextual()) {
            throw new MalformedMessageException("request without requestId");
        }
        return id.textValue();
    }

    private void respond(String to, ClusterMessageType type, ObjectNode data) {
        doPublishResponse(to, message(type, data));
    }

    private void onBroadcast(JsonNode data, String from, String offset) {
        JsonNode packet = data.path("packet");
        if (!packet.path("data").isArray() || packet.get("data").isEmpty()) {
            throw new MalformedMessageException("broadcast without packet data");
        }
        ArrayNode args = (ArrayNode) packet.get("data");
        BroadcastOptions opts = ClusterCodec.decodeOptions(data.path("opts"));
        if (!data.has("requestId")) {
            deliverRemote(args, opts, offset);
            return;
        }
        String requestId = requestId(data);
        OutgoingPacket p = new OutgoingPacket(PacketType.EVENT, namespace.name(), args, namespace.nextAckId());
        super.broadcastWithAck(p, opts, new AckCollector() {
            @Override
            public void expect(int count) {
                ObjectNode res = NODES.objectNode();
                res.put("requestId", requestId);
                res.put("clientCount", count);
                respond(from, ClusterMessageType.BROADCAST_CLIENT_COUNT, res);
            }

            @Override
            public void answer(ArrayNode answer) {
                ObjectNode res = NODES.objectNode();
                res.put("requestId", requestId);
                res.set("packet", answer.isEmpty() ? NODES.nullNode() : answer.get(0)); // one value, as the reference
                respond(from, ClusterMessageType.BROADCAST_ACK, res);
            }
        });
    }

    /**
     * Delivers another server's broadcast to this server's sockets.
     *
     * @param data the event name and arguments
     * @param options who gets it ({@code local} set)
     * @param offset the message's offset in the transport, or {@code null}
     */
    protected void deliverRemote(ArrayNode data, BroadcastOptions options, String offset) {
        super.broadcast(new OutgoingPacket(PacketType.EVENT, namespace.name(), data, -1), options);
    }

    private void onServerSideEmit(JsonNode data, String from) {
        JsonNode packet = data.get("packet");
        if (packet == null || !packet.isArray() || packet.isEmpty()) {
            throw new MalformedMessageException("server-side event without packet");
        }
        Consumer<ArrayNode> answer = null;
        if (data.has("requestId")) {
            String requestId = requestId(data);
            answer = args -> {
                ObjectNode res = NODES.objectNode();
                res.put("requestId", requestId);
                res.set("packet", args.isEmpty() ? NODES.nullNode() : args.get(0)); // one value per server
                respond(from, ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE, res);
            };
        }
        namespace.receiveServerSideEmit((ArrayNode) packet, answer);
    }

    private void onResponse(ClusterMessageType type, JsonNode data) {
        String requestId = data.path("requestId").asText(null);
        if (requestId == null) {
            return;
        }
        BroadcastAcks acks = ackRequests.get(requestId);
        if (acks != null) {
            if (type == ClusterMessageType.BROADCAST_CLIENT_COUNT) {
                acks.serverReported(data.path("clientCount").asInt());
            } else if (type == ClusterMessageType.BROADCAST_ACK) {
                JsonNode packet = data.get("packet");
                acks.answer(NODES.arrayNode(1).add(packet == null ? NODES.nullNode() : packet));
            }
            return;
        }
        PendingRequest p = requests.get(requestId);
        if (p == null) {
            return; // a request that timed out
        }
        if (type == ClusterMessageType.FETCH_SOCKETS_RESPONSE && p.type == ClusterMessageType.FETCH_SOCKETS) {
            p.add(data.get("sockets"));
        } else if (type == ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE
                && p.type == ClusterMessageType.SERVER_SIDE_EMIT) {
            p.addOne(data.has("packet") ? data.get("packet") : NODES.nullNode());
        }
    }

    /** A request waiting for the other servers' answers. */
    private static final class PendingRequest {
        final ClusterMessageType type;
        final int expected;
        final CompletableFuture<List<JsonNode>> result;
        private final List<JsonNode> items = new ArrayList<>();
        private int received;

        PendingRequest(ClusterMessageType type, int expected, CompletableFuture<List<JsonNode>> result) {
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

        synchronized void add(JsonNode list) {
            if (list != null && list.isArray()) {
                list.forEach(items::add);
            }
            done();
        }

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
