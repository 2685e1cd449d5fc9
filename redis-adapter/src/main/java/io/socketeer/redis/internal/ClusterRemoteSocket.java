package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.socketio.BroadcastOperator;
import io.socketeer.socketio.Handshake;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.adapter.AdapterNamespace;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A socket on another server, as a {@code REMOTE_FETCH} answer describes it. As in the reference, its actions
 * are broadcasts to the room named after its id, so they reach it wherever it is connected.
 */
final class ClusterRemoteSocket implements RemoteSocket {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String id;
    private final Handshake handshake;
    private final Set<String> rooms;
    private final JsonNode data;
    private final BroadcastOperator operator;

    private ClusterRemoteSocket(String id, Handshake handshake, Set<String> rooms, JsonNode data,
                                BroadcastOperator operator) {
        this.id = id;
        this.handshake = handshake;
        this.rooms = rooms;
        this.data = data;
        this.operator = operator;
    }

    /**
     * Reads a socket description: {@code {id, handshake, rooms, data}}.
     *
     * @param node the description
     * @param operator the namespace's operator
     * @return the socket
     * @throws MalformedMessageException without a textual id
     */
    static ClusterRemoteSocket read(JsonNode node, BroadcastOperator operator) {
        if (!node.path("id").isTextual()) {
            throw new MalformedMessageException("socket description without id");
        }
        JsonNode data = node.get("data");
        return new ClusterRemoteSocket(node.get("id").textValue(), handshake(node.path("handshake")),
                Set.copyOf(ClusterCodec.rooms(node.get("rooms"))),
                data == null || data.isNull() ? null : data, operator);
    }

    /**
     * Describes a local socket as the Node adapter does: {@code {id, handshake, rooms, data}}.
     *
     * @param socket the socket
     * @param namespace converts its data
     * @return the description
     */
    static ObjectNode describe(RemoteSocket socket, AdapterNamespace namespace) {
        ObjectNode o = NODES.objectNode();
        o.put("id", socket.id());
        Handshake h = socket.handshake();
        if (h != null) {
            ObjectNode hs = o.putObject("handshake");
            ObjectNode headers = hs.putObject("headers");
            // Node joins repeated headers with ", " (RFC 9110 §5.3)
            h.headers().forEach((k, v) -> headers.put(k, String.join(", ", v)));
            hs.put("time", h.time());
            hs.put("address", h.address());
            hs.put("xdomain", h.xdomain());
            hs.put("secure", h.secure());
            hs.put("issued", h.issued());
            hs.put("url", h.url());
            ObjectNode query = hs.putObject("query");
            h.query().forEach(query::put);
            hs.set("auth", h.auth() == null ? NODES.objectNode() : h.auth());
        }
        socket.rooms().forEach(o.putArray("rooms")::add);
        o.set("data", namespace.toTree(socket.data()));
        return o;
    }

    private static Handshake handshake(JsonNode h) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = h.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(e.getValue().asText());
            }
            headers.put(e.getKey(), List.copyOf(values));
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = h.path("query").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            query.put(e.getKey(), v.isArray() && !v.isEmpty() ? v.get(0).asText() : v.asText());
        }
        JsonNode auth = h.path("auth");
        return new Handshake(Map.copyOf(headers), Map.copyOf(query),
                auth.isObject() ? (ObjectNode) auth : NODES.objectNode(), h.path("address").asText(null),
                h.path("time").asText(null), h.path("issued").asLong(), h.path("url").asText(null),
                h.path("secure").asBoolean(), h.path("xdomain").asBoolean());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public Set<String> rooms() {
        return rooms;
    }

    /**
     * Returns the socket's data as its server described it: a Jackson {@link JsonNode}.
     *
     * @param <T> {@code JsonNode}
     * @return the data, or {@code null}
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T data() {
        return (T) data;
    }

    @Override
    public void emit(String event, Object... args) {
        operator.to(id).emit(event, args);
    }

    @Override
    public void join(String... more) {
        operator.in(id).socketsJoin(more);
    }

    @Override
    public void leave(String room) {
        operator.in(id).socketsLeave(room);
    }

    @Override
    public void disconnect(boolean close) {
        operator.in(id).disconnectSockets(close);
    }

    @Override
    public String toString() {
        return "RemoteSocket[" + id + "]";
    }
}
