package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.socketio.adapter.AdapterNamespace;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.OutgoingPacket;
import io.socketeer.socketio.adapter.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The adapter of one namespace speaking the cluster protocol of {@code socket.io-adapter} 2.5
 * ({@code ClusterAdapter}): every cross-server operation is a {@link ClusterMessages message}; subclasses say
 * how a message travels ({@link #doPublish}, {@link #doPublishResponse}) and how servers are counted.
 * Incoming messages are handled in order on a serial executor, never on Lettuce's event loop; a message that
 * cannot be read is logged and skipped.
 */
public abstract class ClusterProtocolAdapter extends AbstractRedisAdapter<ClusterMessageType> {

    private static final Logger log = LoggerFactory.getLogger(ClusterProtocolAdapter.class);

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
        super(namespace, randomId(), executor, requestsTimeout, timers);
    }

    /** @return 16 hex digits, as the reference's {@code randomBytes(8)} */
    private static String randomId() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    protected String newRequestId() {
        return randomId();
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
        return broadcastData(packet, ClusterCodec.options(options, true), requestId);
    }

    private static ObjectNode broadcastData(OutgoingPacket packet, ObjectNode opts, String requestId) {
        ObjectNode data = NODES.objectNode();
        data.set("packet", ClusterCodec.packet(packet));
        data.set("opts", opts);
        if (requestId != null) {
            data.put("requestId", requestId);
        }
        return data;
    }

    @Override
    protected void publishBroadcastWithAck(String requestId, OutgoingPacket packet, BroadcastOptions options,
                                           ObjectNode opts) {
        publish(ClusterMessageType.BROADCAST, broadcastData(packet, opts, requestId));
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
    protected CompletableFuture<List<JsonNode>> askForSockets(BroadcastOptions options) {
        ObjectNode data = NODES.objectNode();
        data.set("opts", ClusterCodec.options(options, true));
        return ask(ClusterMessageType.FETCH_SOCKETS, data);
    }

    @Override
    protected CompletableFuture<List<JsonNode>> publishServerSideEmit(ArrayNode args, boolean expectAnswers) {
        ObjectNode data = NODES.objectNode();
        data.set("packet", args);
        if (!expectAnswers) {
            publish(ClusterMessageType.SERVER_SIDE_EMIT, data);
            return CompletableFuture.completedFuture(List.of());
        }
        return ask(ClusterMessageType.SERVER_SIDE_EMIT, data);
    }

    private CompletableFuture<List<JsonNode>> ask(ClusterMessageType type, ObjectNode data) {
        String requestId = newRequestId();
        data.put("requestId", requestId);
        return ask(requestId, type, null, () -> publish(type, data));
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
                describeLocalSockets(ClusterCodec.decodeOptions(data.path("opts")), list);
                ObjectNode res = response(requestId(data));
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

    private static ObjectNode response(String requestId) {
        ObjectNode res = NODES.objectNode();
        res.put("requestId", requestId);
        return res;
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
        broadcastForRequester(args, opts, count -> {
            ObjectNode res = response(requestId);
            res.put("clientCount", count);
            respond(from, ClusterMessageType.BROADCAST_CLIENT_COUNT, res);
        }, answer -> {
            ObjectNode res = response(requestId);
            res.set("packet", answer);
            respond(from, ClusterMessageType.BROADCAST_ACK, res);
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
                ObjectNode res = response(requestId);
                res.set("packet", firstValue(args)); // one value per server
                respond(from, ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE, res);
            };
        }
        namespace.receiveServerSideEmit((ArrayNode) packet, answer);
    }

    private void onResponse(ClusterMessageType type, JsonNode data) {
        String requestId = data.path("requestId").asText(null);
        if (requestId == null || (type == ClusterMessageType.BROADCAST_CLIENT_COUNT
                || type == ClusterMessageType.BROADCAST_ACK)
                && onBroadcastResponse(requestId, type == ClusterMessageType.BROADCAST_CLIENT_COUNT, data)) {
            return;
        }
        PendingRequest<ClusterMessageType> p = pending(requestId);
        if (p == null) {
            return; // a request that timed out
        }
        if (type == ClusterMessageType.FETCH_SOCKETS_RESPONSE && p.type() == ClusterMessageType.FETCH_SOCKETS) {
            p.add(data.get("sockets"));
        } else if (type == ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE
                && p.type() == ClusterMessageType.SERVER_SIDE_EMIT) {
            p.addOne(data.has("packet") ? data.get("packet") : NODES.nullNode());
        }
    }
}
