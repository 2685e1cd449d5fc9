package io.socketeer.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.ConnectionError;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.Transport;
import io.socketeer.socketio.SocketIoObserver;
import io.socketeer.socketio.adapter.PacketType;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Micrometer meters of a Socket.IO server. It is both the server's {@link SocketIoObserver} and a
 * {@link MeterBinder}:
 *
 * <pre>{@code
 * SocketIoMetrics metrics = SocketIoMetrics.create(Tags.of("app", "chat"));
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().observer(metrics).build());
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code socketio.connections}</td><td>gauge</td><td>{@code transport} (polling, websocket)</td></tr>
 *   <tr><td>{@code socketio.sockets}</td><td>gauge</td><td>{@code namespace}</td></tr>
 *   <tr><td>{@code socketio.packets.received}</td><td>counter</td><td>{@code type} (connect, event, ack…)</td></tr>
 *   <tr><td>{@code socketio.packets.sent}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code socketio.bytes.received}, {@code socketio.bytes.sent}</td><td>counter (bytes)</td>
 *       <td></td></tr>
 *   <tr><td>{@code socketio.handshakes.refused}</td><td>counter</td><td>{@code reason}</td></tr>
 *   <tr><td>{@code socketio.upgrades.failed}</td><td>counter</td><td>{@code reason}</td></tr>
 *   <tr><td>{@code socketio.connection.errors}</td><td>counter</td><td>{@code reason} (e.g. Session ID unknown)</td></tr>
 *   <tr><td>{@code socketio.ack.latency}</td><td>timer</td><td>{@code namespace}</td></tr>
 * </table>
 *
 * <p>Bytes are those of the Engine.IO messages (text or binary data, without transport framing); a packet
 * sent to many clients counts once per client. Counts start when the server does, even before
 * {@link #bindTo(MeterRegistry)}; one instance may be bound to several registries but observes one server.
 * With dynamic namespaces, each namespace name is a tag value: mind their number.
 */
public final class SocketIoMetrics implements SocketIoObserver, MeterBinder {

    private final Tags tags;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<Transport, AtomicLong> connections = new ConcurrentHashMap<>();
    private final Map<String, NamespaceMeters> namespaces = new ConcurrentHashMap<>();
    private final Map<PacketType, LongAdder> packetsReceived = new ConcurrentHashMap<>();
    private final ReasonCounter handshakesRefused = new ReasonCounter("socketio.handshakes.refused",
            "Engine.IO handshakes refused");
    private final ReasonCounter upgradesFailed = new ReasonCounter("socketio.upgrades.failed",
            "Upgrades from polling to WebSocket that failed");
    private final ReasonCounter connectionErrors = new ReasonCounter("socketio.connection.errors",
            "Requests answered with an Engine.IO error (handshakes and session requests)");
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();

    private SocketIoMetrics(Iterable<Tag> tags) {
        this.tags = Tags.of(tags);
        for (Transport t : Transport.values()) {
            connections.put(t, new AtomicLong());
        }
    }

    /** @return metrics without extra tags */
    public static SocketIoMetrics create() {
        return new SocketIoMetrics(Tags.empty());
    }

    /**
     * Creates metrics whose meters all carry {@code tags}.
     *
     * @param tags e.g. the application or server name
     * @return the metrics
     */
    public static SocketIoMetrics create(Iterable<Tag> tags) {
        return new SocketIoMetrics(tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        connections.forEach((t, n) -> Gauge.builder("socketio.connections", n, AtomicLong::get)
                .tags(tags).tag("transport", t.wireName())
                .description("Open Engine.IO connections").baseUnit("connections").register(registry));
        FunctionCounter.builder("socketio.packets.sent", packetsSent, LongAdder::sum).tags(tags)
                .description("Socket.IO packets handed to connections").register(registry);
        FunctionCounter.builder("socketio.bytes.received", bytesReceived, LongAdder::sum).tags(tags)
                .description("Data bytes of the Engine.IO messages received").baseUnit(BaseUnits.BYTES)
                .register(registry);
        FunctionCounter.builder("socketio.bytes.sent", bytesSent, LongAdder::sum).tags(tags)
                .description("Data bytes of the Engine.IO messages sent").baseUnit(BaseUnits.BYTES)
                .register(registry);
        packetsReceived.forEach((type, n) -> registerPacketsReceived(registry, type, n));
        handshakesRefused.bind(registry);
        upgradesFailed.bind(registry);
        connectionErrors.bind(registry);
        namespaces.values().forEach(ns -> ns.bind(registry));
    }

    // ------------------------------------------------------------ observer

    @Override
    public void connectionOpened(Transport transport) {
        connections.get(transport).incrementAndGet();
    }

    @Override
    public void connectionUpgraded() {
        connections.get(Transport.POLLING).decrementAndGet();
        connections.get(Transport.WEBSOCKET).incrementAndGet();
    }

    @Override
    public void connectionClosed(Transport transport, CloseReason reason) {
        connections.get(transport).decrementAndGet();
    }

    @Override
    public void socketConnected(String namespace) {
        namespace(namespace).sockets.incrementAndGet();
    }

    @Override
    public void socketDisconnected(String namespace) {
        namespace(namespace).sockets.decrementAndGet();
    }

    @Override
    public void messageReceived(int bytes) {
        bytesReceived.add(bytes);
    }

    @Override
    public void packetReceived(PacketType type) {
        LongAdder n = packetsReceived.get(type);
        if (n == null) {
            n = packetsReceived.computeIfAbsent(type, t -> {
                LongAdder a = new LongAdder();
                registries.forEach(r -> registerPacketsReceived(r, t, a));
                return a;
            });
        }
        n.increment();
    }

    @Override
    public void packetSent(List<EngineIoMessage> messages) {
        packetsSent.increment();
        long bytes = 0;
        for (int i = 0, n = messages.size(); i < n; i++) {
            bytes += messages.get(i).size();
        }
        bytesSent.add(bytes);
    }

    @Override
    public void ackReceived(String namespace, long nanos) {
        for (Timer t : namespace(namespace).ackLatency) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void handshakeRefused(String reason) {
        handshakesRefused.increment(reason);
    }

    @Override
    public void upgradeFailed(String reason) {
        upgradesFailed.increment(reason);
    }

    @Override
    public void connectionError(ConnectionError error) {
        connectionErrors.increment(error.message());
    }

    // ------------------------------------------------------------ registration

    private NamespaceMeters namespace(String name) {
        NamespaceMeters ns = namespaces.get(name);
        if (ns == null) {
            ns = namespaces.computeIfAbsent(name, n -> {
                NamespaceMeters m = new NamespaceMeters(n);
                registries.forEach(m::bind);
                return m;
            });
        }
        return ns;
    }

    private void registerPacketsReceived(MeterRegistry registry, PacketType type, LongAdder n) {
        FunctionCounter.builder("socketio.packets.received", n, LongAdder::sum).tags(tags)
                .tag("type", type.name().toLowerCase(Locale.ROOT))
                .description("Socket.IO packets received from clients").register(registry);
    }

    /** A counter tagged by reason: one count per reason seen, registered with every registry bound. */
    private final class ReasonCounter {

        private final String name;
        private final String description;
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        ReasonCounter(String name, String description) {
            this.name = name;
            this.description = description;
        }

        void increment(String reason) {
            counts.computeIfAbsent(reason, r -> {
                LongAdder n = new LongAdder();
                registries.forEach(reg -> register(reg, r, n));
                return n;
            }).increment();
        }

        void bind(MeterRegistry registry) {
            counts.forEach((reason, n) -> register(registry, reason, n));
        }

        private void register(MeterRegistry registry, String reason, LongAdder n) {
            FunctionCounter.builder(name, n, LongAdder::sum).tags(tags).tag("reason", reason)
                    .description(description).register(registry);
        }
    }

    /** The meters of one namespace. */
    private final class NamespaceMeters {

        private final String name;
        private final AtomicLong sockets = new AtomicLong();
        private final List<Timer> ackLatency = new CopyOnWriteArrayList<>();

        NamespaceMeters(String name) {
            this.name = name;
        }

        void bind(MeterRegistry registry) {
            Gauge.builder("socketio.sockets", sockets, AtomicLong::get).tags(tags).tag("namespace", name)
                    .description("Sockets connected to the namespace").baseUnit("sockets").register(registry);
            Timer t = Timer.builder("socketio.ack.latency").tags(tags).tag("namespace", name)
                    .description("Time from an emit with acknowledgement to the client's answer")
                    .register(registry);
            if (!ackLatency.contains(t)) { // bound by bindTo and by a first use at the same time
                ackLatency.add(t);
            }
        }
    }
}
