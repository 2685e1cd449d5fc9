package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.BroadcastOperator;
import io.socketeer.socketio.Handshake;
import io.socketeer.socketio.RemoteSocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An {@link AdapterNamespace} for adapter tests: records every {@code deliver} with a snapshot of its
 * receivers, reports as written the receivers that are "connected" here, and has a settable recovery window.
 */
final class RecordingNamespace implements AdapterNamespace {

    /** One {@code deliver} call. */
    record Delivery(OutgoingPacket packet, List<String> socketIds, BroadcastOptions options, AckCollector acks) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, FakeSocket> sockets = new ConcurrentHashMap<>();
    private volatile Duration recoveryWindow;
    private final AtomicLong ackIds = new AtomicLong();
    private final List<ArrayNode> serverSideEvents = new CopyOnWriteArrayList<>();
    private final List<String> roomChanges = new CopyOnWriteArrayList<>();
    private volatile java.util.function.BiConsumer<String, String> onRoomJoined = (room, id) -> { };

    RecordingNamespace(Duration recoveryWindow) {
        this.recoveryWindow = recoveryWindow;
    }

    /** Connects a fake socket here, so that deliveries to it count and {@link #localSocket} finds it. */
    FakeSocket connect(String id) {
        FakeSocket s = new FakeSocket(id);
        sockets.put(id, s);
        return s;
    }

    void recoveryWindow(Duration window) {
        this.recoveryWindow = window;
    }

    /** @return the room changes the adapter reported, as {@code "join room id"} or {@code "leave room id"} */
    List<String> roomChanges() {
        return roomChanges;
    }

    /** Runs an action of the test on each reported join, after recording it. */
    void onRoomJoined(java.util.function.BiConsumer<String, String> action) {
        onRoomJoined = action;
    }

    @Override
    public void roomJoined(String room, String socketId) {
        roomChanges.add("join " + room + " " + socketId);
        onRoomJoined.accept(room, socketId);
    }

    @Override
    public void roomLeft(String room, String socketId) {
        roomChanges.add("leave " + room + " " + socketId);
    }

    @Override
    public void roomCreated(String room) {
        roomChanges.add("create " + room);
    }

    @Override
    public void roomDeleted(String room) {
        roomChanges.add("delete " + room);
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    Delivery lastDelivery() {
        return deliveries.get(deliveries.size() - 1);
    }

    @Override
    public String name() {
        return "/test";
    }

    @Override
    public RemoteSocket localSocket(String id) {
        return sockets.get(id);
    }

    @Override
    public int deliver(OutgoingPacket packet, Iterable<String> socketIds, BroadcastOptions options,
                       AckCollector acks) {
        List<String> ids = new ArrayList<>();
        socketIds.forEach(ids::add);
        deliveries.add(new Delivery(packet, List.copyOf(ids), options, acks));
        return (int) ids.stream().filter(sockets::containsKey).count();
    }

    @Override
    public Duration recoveryWindow() {
        return recoveryWindow;
    }

    @Override
    public Collection<String> localSocketIds() {
        return sockets.keySet();
    }

    @Override
    public long nextAckId() {
        return ackIds.getAndIncrement();
    }

    @Override
    public BroadcastOperator operator() {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode toTree(Object value) {
        return new ObjectMapper().valueToTree(value);
    }

    @Override
    public void receiveServerSideEmit(ArrayNode args, Consumer<ArrayNode> answer) {
        serverSideEvents.add(args);
    }

    List<ArrayNode> serverSideEvents() {
        return serverSideEvents;
    }

    /** A local socket that records what the adapter asks of it. */
    static final class FakeSocket implements RemoteSocket {
        final String id;
        final List<String> joined = new CopyOnWriteArrayList<>();
        final List<String> left = new CopyOnWriteArrayList<>();
        final List<Boolean> disconnects = new CopyOnWriteArrayList<>();

        FakeSocket(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Handshake handshake() {
            return null;
        }

        @Override
        public Set<String> rooms() {
            return Set.of();
        }

        @Override
        public <T> T data() {
            return null;
        }

        @Override
        public void emit(String event, Object... args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void join(String... rooms) {
            joined.addAll(List.of(rooms));
        }

        @Override
        public void leave(String room) {
            left.add(room);
        }

        @Override
        public void disconnect(boolean close) {
            disconnects.add(close);
        }
    }
}
