package io.socketeer.redis.emitter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.redis.emitter.internal.Notepack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Who an emission of a {@link RedisEmitter} reaches: a namespace, target rooms, excluded rooms and flags.
 * Immutable: {@link #to}, {@link #except} and the flags return a new operator, so one may be kept and reused
 * from any thread.
 *
 * <p>Each method publishes one message and returns when it is handed to Lettuce; the future completes with
 * the number of servers that received it (Redis' answer to {@code PUBLISH}), or fails if Redis cannot be
 * reached. A server that is not subscribed at that moment never sees the message, as with the reference.
 */
public final class EmitterOperator {

    /** Event names the servers use for themselves, refused as the reference refuses them. */
    static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The sender id the servers know as "not a server": they neither answer it nor count it. */
    static final String UID = "emitter";

    private final RedisEmitter emitter;
    private final String nsp;
    private final Set<String> rooms;
    private final Set<String> except;
    private final ObjectNode flags;

    EmitterOperator(RedisEmitter emitter, String nsp, Set<String> rooms, Set<String> except, ObjectNode flags) {
        this.emitter = emitter;
        this.nsp = nsp;
        this.rooms = rooms;
        this.except = except;
        this.flags = flags;
    }

    /**
     * Targets rooms (a socket id is a room): the emission reaches sockets in any of them.
     *
     * @param room one or more rooms
     * @return a new operator
     */
    public EmitterOperator to(String... room) {
        return to(Arrays.asList(room));
    }

    /**
     * Targets rooms.
     *
     * @param room the rooms
     * @return a new operator
     */
    public EmitterOperator to(Collection<String> room) {
        Set<String> r = new LinkedHashSet<>(rooms);
        r.addAll(room);
        return new EmitterOperator(emitter, nsp, Set.copyOf(r), except, flags);
    }

    /**
     * Same as {@link #to(String...)}.
     *
     * @param room one or more rooms
     * @return a new operator
     */
    public EmitterOperator in(String... room) {
        return to(room);
    }

    /**
     * Leaves out the sockets in rooms.
     *
     * @param room one or more rooms
     * @return a new operator
     */
    public EmitterOperator except(String... room) {
        Set<String> r = new LinkedHashSet<>(except);
        r.addAll(Arrays.asList(room));
        return new EmitterOperator(emitter, nsp, rooms, Set.copyOf(r), flags);
    }

    /**
     * Marks the emission volatile: a socket that cannot take it at once does not get it.
     *
     * @return a new operator
     */
    public EmitterOperator volatileFlag() {
        ObjectNode f = flags.deepCopy();
        f.put("volatile", true);
        return new EmitterOperator(emitter, nsp, rooms, except, f);
    }

    /**
     * Sets whether the transport may compress the emission.
     *
     * @param compress default {@code true}
     * @return a new operator
     */
    public EmitterOperator compress(boolean compress) {
        ObjectNode f = flags.deepCopy();
        f.put("compress", compress);
        return new EmitterOperator(emitter, nsp, rooms, except, f);
    }

    /**
     * Emits an event to the selected sockets of every server. Arguments are converted by the options' mapper;
     * {@code byte[]} and {@link ByteBuffer} arguments (also inside maps and lists) reach clients as binary.
     *
     * @param event the event name, not a reserved one
     * @param args the arguments; acknowledgements are not supported
     * @return completes with the number of servers that received it
     * @throws IllegalArgumentException for a reserved event name
     */
    public CompletableFuture<Long> emit(String event, Object... args) {
        if (RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException('"' + event + "\" is a reserved event name");
        }
        ArrayNode data = NODES.arrayNode(args.length + 1);
        data.add(event);
        for (Object a : args) {
            data.add(toTree(a));
        }
        ObjectNode packet = NODES.objectNode();
        packet.put("type", 2); // EVENT; the servers re-encode it, as BINARY_EVENT when it holds binary
        packet.set("data", data);
        packet.put("nsp", nsp);
        ArrayNode msg = NODES.arrayNode(3);
        msg.add(UID);
        msg.add(packet);
        msg.add(opts(true));
        String channel = emitter.options().key() + "#" + nsp + "#";
        if (rooms.size() == 1) {
            channel += rooms.iterator().next() + "#"; // servers without a socket in that room skip it cheaply
        }
        return emitter.publish(channel, Notepack.encode(msg));
    }

    /**
     * Makes the selected sockets of every server join rooms.
     *
     * @param room the rooms to join
     * @return completes with the number of servers that received the request
     */
    public CompletableFuture<Long> socketsJoin(String... room) {
        return request(2, r -> r.set("rooms", list(Arrays.asList(room))));
    }

    /**
     * Makes the selected sockets of every server leave rooms.
     *
     * @param room the rooms to leave
     * @return completes with the number of servers that received the request
     */
    public CompletableFuture<Long> socketsLeave(String... room) {
        return request(3, r -> r.set("rooms", list(Arrays.asList(room))));
    }

    /**
     * Disconnects the selected sockets of every server.
     *
     * @param close whether to close their connections too (other namespaces included)
     * @return completes with the number of servers that received the request
     */
    public CompletableFuture<Long> disconnectSockets(boolean close) {
        return request(4, r -> r.put("close", close));
    }

    /**
     * Sends an event to the servers of this namespace (their {@code serverSideEmit} listeners), without
     * acknowledgement; the rooms of this operator play no part.
     *
     * @param event the event name
     * @param args its arguments, converted by the options' mapper
     * @return completes with the number of servers that received it
     */
    public CompletableFuture<Long> serverSideEmit(String event, Object... args) {
        ObjectNode r = NODES.objectNode();
        r.put("uid", UID);
        r.put("type", 6); // SERVER_SIDE_EMIT
        ArrayNode data = r.putArray("data");
        data.add(event);
        for (Object a : args) {
            data.add(toTree(a));
        }
        return emitter.publish(emitter.options().key() + "-request#" + nsp + "#",
                r.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Requests travel as JSON text on the request channel, as the reference sends them. */
    private CompletableFuture<Long> request(int type, java.util.function.Consumer<ObjectNode> body) {
        ObjectNode r = NODES.objectNode();
        r.put("type", type);
        r.set("opts", opts(false));
        body.accept(r);
        return emitter.publish(emitter.options().key() + "-request#" + nsp + "#",
                r.toString().getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode opts(boolean withFlags) {
        ObjectNode o = NODES.objectNode();
        o.set("rooms", list(rooms));
        if (withFlags) {
            o.set("flags", flags.deepCopy());
        }
        o.set("except", list(except));
        return o;
    }

    private static ArrayNode list(Collection<String> values) {
        ArrayNode a = NODES.arrayNode(values.size());
        values.forEach(a::add);
        return a;
    }

    private JsonNode toTree(Object value) {
        if (value instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.binaryNode(bytes);
        }
        if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes.clone());
        }
        return emitter.options().mapper().valueToTree(value);
    }
}
