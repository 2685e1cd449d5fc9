package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.adapter.AdapterNamespace;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.OutgoingPacket;
import io.socketeer.socketio.adapter.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
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
public final class RedisAdapter extends AbstractRedisAdapter<RequestType> {

    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
    private static final char[] ID_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final RedisLink link;
    private final String channel;
    private final String requestChannel;
    private final String responseChannel;
    private final String specificResponseChannel;

    /**
     * Creates the adapter of a namespace.
     *
     * @param namespace the namespace
     * @param link the server's Redis connections
     */
    public RedisAdapter(AdapterNamespace namespace, RedisLink link) {
        super(namespace, newId(), link.options().executor(), link.options().requestsTimeout(), link.timers());
        this.link = link;
        String key = link.options().key();
        this.channel = key + "#" + namespace.name() + "#";
        this.requestChannel = key + "-request#" + namespace.name() + "#";
        this.responseChannel = key + "-response#" + namespace.name() + "#";
        this.specificResponseChannel = responseChannel + uid + "#";
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

    @Override
    protected String newRequestId() {
        return newId();
    }

    /** Subscribes; {@link #ready()} completes when Redis confirmed the four subscriptions of this namespace. */
    @Override
    public void init() {
        readyWhen(CompletableFuture.allOf(
                link.psubscribe(channel + "*",
                        (ch, msg) -> inbox.execute(() -> safely(ch, () -> onBroadcast(ch, msg)))),
                link.subscribe(requestChannel, (ch, msg) -> inbox.execute(() -> safely(ch, () -> onRequest(msg)))),
                link.subscribe(responseChannel,
                        (ch, msg) -> inbox.execute(() -> safely(ch, () -> onResponse(msg)))),
                link.subscribe(specificResponseChannel,
                        (ch, msg) -> inbox.execute(() -> safely(ch, () -> onResponse(msg))))));
    }

    @Override
    public void close() {
        link.unsubscribe(channel + "*", requestChannel, responseChannel, specificResponseChannel);
        super.close();
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
    protected void publishBroadcastWithAck(String requestId, OutgoingPacket packet, BroadcastOptions options,
                                           ObjectNode opts) {
        ObjectNode req = request(RequestType.BROADCAST, requestId);
        req.set("packet", ClusterCodec.packet(packet));
        req.set("opts", opts);
        link.publish(requestChannel, ClusterCodec.encodeMsgPack(req));
    }

    // ------------------------------------------------------------ requests to the other servers

    @Override
    protected CompletableFuture<List<JsonNode>> askForSockets(BroadcastOptions options) {
        ObjectNode req = request(RequestType.REMOTE_FETCH, newId());
        req.set("opts", ClusterCodec.options(options, false));
        return ask(req, "timeout reached while waiting for fetchSockets response");
    }

    @Override
    public CompletableFuture<Set<String>> allRooms() {
        Set<String> local = Set.copyOf(rooms().keySet());
        return ask(request(RequestType.ALL_ROOMS, newId()), "timeout reached while waiting for allRooms response")
                .thenApply(remote -> {
                    Set<String> all = new HashSet<>(local);
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
        ObjectNode req = request(type, newId());
        req.set("opts", ClusterCodec.options(options, false));
        rooms.forEach(req.putArray("rooms")::add);
        link.publish(requestChannel, ClusterCodec.encodeJson(req));
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.local()) {
            ObjectNode req = request(RequestType.REMOTE_DISCONNECT, newId());
            req.set("opts", ClusterCodec.options(options, false));
            req.put("close", close);
            link.publish(requestChannel, ClusterCodec.encodeJson(req));
        }
        super.disconnectSockets(options, close);
    }

    @Override
    protected CompletableFuture<List<JsonNode>> publishServerSideEmit(ArrayNode args, boolean expectAnswers) {
        // the presence of a requestId is what asks for answers
        ObjectNode req = request(RequestType.SERVER_SIDE_EMIT, expectAnswers ? newId() : null);
        req.set("data", args);
        if (!expectAnswers) {
            link.publish(requestChannel, ClusterCodec.encodeJson(req));
            return CompletableFuture.completedFuture(List.of());
        }
        return ask(req, null);
    }

    private ObjectNode request(RequestType type, String requestId) {
        ObjectNode req = NODES.objectNode();
        req.put("uid", uid);
        if (requestId != null) {
            req.put("requestId", requestId);
        }
        req.put("type", type.code());
        return req;
    }

    /**
     * Publishes a request and gathers one answer from each other server.
     *
     * @param req the request, with its requestId
     * @param timeoutMessage the failure's message, or {@code null} for "only n of m"
     * @return the answers' items, completed on the serial executor
     */
    private CompletableFuture<List<JsonNode>> ask(ObjectNode req, String timeoutMessage) {
        return ask(req.get("requestId").textValue(), ClusterCodec.type(req), timeoutMessage,
                () -> link.publish(requestChannel, ClusterCodec.encodeJson(req)));
    }

    @Override
    protected CompletableFuture<Integer> countServers() {
        return link.numsub(requestChannel);
    }

    private void onResponse(byte[] msg) {
        ObjectNode r = ClusterCodec.decodeMessage(msg);
        String requestId = r.path("requestId").asText(null);
        if (requestId == null) {
            return;
        }
        RequestType type = ClusterCodec.type(r);
        boolean ack = type == RequestType.BROADCAST_CLIENT_COUNT || type == RequestType.BROADCAST_ACK;
        if (ack && onBroadcastResponse(requestId, type == RequestType.BROADCAST_CLIENT_COUNT, r)) {
            return;
        }
        PendingRequest<RequestType> p = pending(requestId);
        if (p == null) {
            return; // another server's request, or one that timed out
        }
        switch (p.type()) {
            case REMOTE_FETCH -> p.add(r.get("sockets"));
            case ALL_ROOMS -> p.add(r.get("rooms"));
            case SERVER_SIDE_EMIT -> p.addOne(r.has("data") ? r.get("data") : NODES.nullNode());
            default -> log.debug("namespace {}: response to a {} request ignored", namespace.name(), p.type());
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
        if (uid.equals(from) || (requestId != null && isOwnRequest(requestId))) {
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
                describeLocalSockets(ClusterCodec.decodeOptions(r.path("opts")), res.putArray("sockets"));
                respond(from, ClusterCodec.encodeJson(res));
            }
            case SERVER_SIDE_EMIT -> {
                JsonNode data = r.get("data");
                if (data == null || !data.isArray()) {
                    throw new MalformedMessageException("server-side event without data");
                }
                Consumer<ArrayNode> answer = requestId == null ? null : args -> {
                    ObjectNode res = typedResponse(RequestType.SERVER_SIDE_EMIT, requestId);
                    res.set("data", firstValue(args)); // one value per server
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
        broadcastForRequester((ArrayNode) packet.get("data"), ClusterCodec.decodeOptions(r.path("opts")), count -> {
            ObjectNode res = typedResponse(RequestType.BROADCAST_CLIENT_COUNT, requestId);
            res.put("clientCount", count);
            respond(from, ClusterCodec.encodeJson(res));
        }, answer -> {
            ObjectNode res = typedResponse(RequestType.BROADCAST_ACK, requestId);
            res.set("packet", answer);
            respond(from, ClusterCodec.encodeMsgPack(res));
        });
    }

    private static ObjectNode response(String requestId) {
        ObjectNode res = NODES.objectNode();
        res.put("requestId", requestId);
        return res;
    }

    private static ObjectNode typedResponse(RequestType type, String requestId) {
        ObjectNode res = ClusterCodec.message(type);
        res.put("requestId", requestId);
        return res;
    }

    private void respond(String requester, byte[] response) {
        link.publish(link.options().publishOnSpecificResponseChannel()
                ? responseChannel + requester + "#" : responseChannel, response);
    }
}
