package io.socketeer.socketio.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.BroadcastOperator;
import io.socketeer.socketio.AckTimeoutException;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.adapter.AckCollector;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.OutgoingPacket;
import io.socketeer.socketio.adapter.PacketType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The immutable broadcast operator: target rooms, excluded rooms and flags, applied through each target
 * namespace's adapter. The packet is built (and, in the adapter, encoded) once per namespace.
 */
public final class DefaultBroadcastOperator implements BroadcastOperator {

    /** The weight of a namespace's report of sockets reached, above any number of answers. */
    private static final long REPORT = 1L << 32;

    private final Supplier<List<DefaultNamespace>> namespaces;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean volatileFlag;
    private final boolean local;
    private final boolean compress;
    private final Duration timeout;

    /**
     * Creates an operator.
     *
     * @param namespaces the namespaces it reaches
     * @param rooms target rooms
     * @param except excluded rooms
     * @param volatileFlag volatile flag
     * @param local local flag
     * @param compress compress flag
     * @param timeout ack timeout or {@code null}
     */
    public DefaultBroadcastOperator(Supplier<List<DefaultNamespace>> namespaces, Set<String> rooms, Set<String> except,
                                    boolean volatileFlag, boolean local, boolean compress, Duration timeout) {
        this.namespaces = namespaces;
        this.rooms = rooms;
        this.except = except;
        this.volatileFlag = volatileFlag;
        this.local = local;
        this.compress = compress;
        this.timeout = timeout;
    }

    private static Set<String> plus(Set<String> set, String[] more) {
        Set<String> s = new LinkedHashSet<>(set);
        Collections.addAll(s, more);
        return Collections.unmodifiableSet(s);
    }

    @Override
    public BroadcastOperator to(String... more) {
        return new DefaultBroadcastOperator(namespaces, plus(rooms, more), except, volatileFlag, local, compress, timeout);
    }

    @Override
    public BroadcastOperator except(String... more) {
        return new DefaultBroadcastOperator(namespaces, rooms, plus(except, more), volatileFlag, local, compress, timeout);
    }

    @Override
    public BroadcastOperator asVolatile() {
        return new DefaultBroadcastOperator(namespaces, rooms, except, true, local, compress, timeout);
    }

    @Override
    public BroadcastOperator local() {
        return new DefaultBroadcastOperator(namespaces, rooms, except, volatileFlag, true, compress, timeout);
    }

    @Override
    public BroadcastOperator compress(boolean value) {
        return new DefaultBroadcastOperator(namespaces, rooms, except, volatileFlag, local, value, timeout);
    }

    @Override
    public BroadcastOperator timeout(Duration value) {
        return new DefaultBroadcastOperator(namespaces, rooms, except, volatileFlag, local, compress, value);
    }

    private BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, volatileFlag, local, compress);
    }

    @Override
    public void emit(String event, Object... args) {
        BroadcastOptions opts = options();
        for (DefaultNamespace ns : namespaces.get()) {
            ArrayNode data = Args.event(ns.core().mapper(), event, args);
            ns.adapter().broadcast(new OutgoingPacket(PacketType.EVENT, ns.name(), data, -1), opts);
        }
    }

    @Override
    public CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args) {
        if (timeout == null) {
            throw new IllegalStateException("emitWithAck on a broadcast needs timeout(...)");
        }
        BroadcastOptions opts = options();
        List<DefaultNamespace> targets = namespaces.get();
        CompletableFuture<List<EventArgs>> result = new CompletableFuture<>();
        if (targets.isEmpty()) {
            result.complete(List.of());
            return result;
        }
        DefaultNamespace first = targets.get(0);
        List<EventArgs> answers = Collections.synchronizedList(new ArrayList<>());
        // Counts both the namespaces still reporting how many sockets they reached (each weighs REPORT) and the
        // answers due: answers can come before the count of sockets that sent them, and must not complete the
        // result while a report is missing.
        AtomicLong pending = new AtomicLong(targets.size() * REPORT);
        AtomicLong expected = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();
        AckCollector collector = new AckCollector() {
            @Override
            public void expect(int count) {
                expected.addAndGet(count);
                reports.incrementAndGet();
                if (pending.addAndGet(count - REPORT) == 0) {
                    result.complete(List.copyOf(answers));
                }
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public void answer(ArrayNode ackArgs) {
                answers.add(new EventArgs(ackArgs, first.core().mapper()));
                if (pending.decrementAndGet() == 0) {
                    result.complete(List.copyOf(answers));
                }
            }
        };
        for (DefaultNamespace ns : targets) {
            ArrayNode data = Args.event(ns.core().mapper(), event, args);
            long id = ns.nextAckId();
            ns.adapter().broadcastWithAck(new OutgoingPacket(PacketType.EVENT, ns.name(), data, id), opts, collector);
        }
        CompletableFuture<Void> delay = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> delay.complete(null));
        delay.thenRun(() -> {
            List<EventArgs> received = List.copyOf(answers);
            int count = reports.get() == targets.size() ? (int) expected.get() : -1;
            result.completeExceptionally(new AckTimeoutException("not every client acknowledged within "
                    + timeout.toMillis() + " ms (" + received.size() + (count >= 0 ? " of " + count : "")
                    + " did)", received, count));
        });
        return result;
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        BroadcastOptions opts = options();
        List<CompletableFuture<List<RemoteSocket>>> parts = new ArrayList<>();
        for (DefaultNamespace ns : namespaces.get()) {
            parts.add(ns.adapter().fetchSockets(opts));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<RemoteSocket> all = new ArrayList<>();
            for (CompletableFuture<List<RemoteSocket>> p : parts) {
                all.addAll(p.join());
            }
            return all;
        });
    }

    @Override
    public void socketsJoin(String... roomNames) {
        for (DefaultNamespace ns : namespaces.get()) {
            ns.adapter().addSockets(options(), Set.of(roomNames));
        }
    }

    @Override
    public void socketsLeave(String... roomNames) {
        for (DefaultNamespace ns : namespaces.get()) {
            ns.adapter().delSockets(options(), Set.of(roomNames));
        }
    }

    @Override
    public void disconnectSockets(boolean close) {
        for (DefaultNamespace ns : namespaces.get()) {
            ns.adapter().disconnectSockets(options(), close);
        }
    }
}
