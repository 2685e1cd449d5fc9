package io.socketeer.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.socketio.Ack;
import io.socketeer.socketio.AckEventListener;
import io.socketeer.socketio.AnyListener;
import io.socketeer.socketio.BroadcastOperator;
import io.socketeer.socketio.DisconnectListener;
import io.socketeer.socketio.DisconnectReason;
import io.socketeer.socketio.AckTimeoutException;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.EventListener;
import io.socketeer.socketio.EventMiddleware;
import io.socketeer.socketio.Handshake;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketEmitter;
import io.socketeer.socketio.SocketIoObserver;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.OutgoingPacket;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.adapter.PersistedSession;
import io.socketeer.socketio.internal.parser.Packet;
import io.socketeer.socketio.internal.parser.PacketDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/**
 * A socket: one client in one namespace. Listeners run on its serial executor; packets are written to its
 * client's Engine.IO session from whatever thread emits.
 */
public final class DefaultSocket implements Socket {

    private static final Logger log = LoggerFactory.getLogger(DefaultSocket.class);

    private static final AtomicIntegerFieldUpdater<DefaultSocket> QUEUED_EVENTS =
            AtomicIntegerFieldUpdater.newUpdater(DefaultSocket.class, "queuedEvents");

    private final DefaultNamespace nsp;
    private final Client client;
    private final String id;
    private final ObjectNode auth; // the socket's part of its handshake; see handshake()
    private final long issued;
    private final Executor executor;
    private final boolean recovered;
    private final String pid;
    private PersistedSession restored; // until its missed packets are written (onConnected), then null
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile Object data;

    // Listeners are added rarely (mostly in connection listeners) and read on every packet: copy-on-write
    // arrays and an immutable map in volatile fields, written under this socket's lock. Empty ones share a
    // constant, so a socket with few listeners costs a few dozen bytes, not a concurrent map and four lists.
    // An event's value: one EventListener or AckEventListener, or an Object[] of them when there are several.
    private volatile Object listeners = ListenerTable.EMPTY; // see ListenerTable
    private volatile AnyListener[] anyListeners = NO_ANY;
    private volatile AnyListener[] anyOutgoing = NO_ANY;
    private volatile EventMiddleware[] middlewares = NO_MIDDLEWARE;
    private volatile Consumer<Throwable>[] errorListeners = noErrorListeners();
    private volatile DisconnectListener[] disconnecting = NO_DISCONNECT;
    private volatile DisconnectListener[] disconnectListeners = NO_DISCONNECT;
    private final PendingAcks acks = new PendingAcks();
    /** Events handed to the executor and not yet dispatched; changed through {@link #QUEUED_EVENTS}. */
    private volatile int queuedEvents;

    DefaultSocket(DefaultNamespace nsp, Client client, String id, String pid, ObjectNode auth, long issued,
                  Executor executor, PersistedSession restored) {
        this.nsp = nsp;
        this.client = client;
        this.id = id;
        this.pid = pid;
        this.auth = auth;
        this.issued = issued;
        this.executor = executor;
        this.restored = restored;
        this.recovered = restored != null;
        if (restored != null) {
            this.data = restored.data();
        }
    }

    /** @return the private session id for connection state recovery, or {@code null} when it is off */
    String pid() {
        return pid;
    }

    Client client() {
        return client;
    }

    // ------------------------------------------------------------ state

    @Override
    public String id() {
        return id;
    }

    @Override
    public Namespace namespace() {
        return nsp;
    }

    @Override
    public EngineIoSession conn() {
        return client.session();
    }

    /**
     * Returns the handshake, made on each call from the connection's request and this socket's CONNECT payload
     * (an idle socket so keeps no handshake object of its own).
     */
    @Override
    public Handshake handshake() {
        return client.handshake(auth, issued);
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public boolean recovered() {
        return recovered;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T data() {
        return (T) data;
    }

    @Override
    public void data(Object value) {
        data = value;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public Set<String> rooms() {
        return nsp.adapter().socketRooms(id);
    }

    @Override
    public void join(String... rooms) {
        if (!closed) {
            nsp.adapter().addAll(id, Set.of(rooms));
            if (closed) {
                // cleanup() ran meanwhile on another thread: take back what may have landed after its delAll
                nsp.adapter().delAll(id);
            }
        }
    }

    @Override
    public void leave(String room) {
        nsp.adapter().del(id, room);
    }

    // ------------------------------------------------------------ listeners

    @Override
    public void on(String event, EventListener listener) {
        addListener(event, listener);
    }

    @Override
    public void on(String event, AckEventListener listener) {
        addListener(event, listener);
    }

    private void addListener(String event, Object listener) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            listeners = ListenerTable.with(listeners, event, listener);
        }
    }

    @Override
    public void once(String event, EventListener listener) {
        addListener(event, OnceListener.of(this, event, Objects.requireNonNull(listener, "listener")));
    }

    @Override
    public void once(String event, AckEventListener listener) {
        addListener(event, OnceListener.of(this, event, Objects.requireNonNull(listener, "listener")));
    }

    @Override
    public void off(String event) {
        synchronized (this) {
            listeners = ListenerTable.without(listeners, event);
        }
    }

    @Override
    public void off(String event, EventListener listener) {
        removeAdded(event, listener);
    }

    @Override
    public void off(String event, AckEventListener listener) {
        removeAdded(event, listener);
    }

    /** Removes a listener the application added, with {@code on} or {@code once}. */
    private synchronized void removeAdded(String event, Object listener) {
        listeners = ListenerTable.without(listeners, event,
                l -> l == listener || l instanceof OnceListener once && once.original() == listener);
    }

    /** Removes this very listener (a once listener that fired). */
    synchronized void removeListener(String event, Object listener) {
        listeners = ListenerTable.without(listeners, event, l -> l == listener);
    }

    @Override
    public synchronized void onAny(AnyListener listener) {
        anyListeners = concat(anyListeners, new AnyListener[] {Objects.requireNonNull(listener)});
    }

    @Override
    public synchronized void offAny(AnyListener listener) {
        anyListeners = ListenerTable.withoutLast(anyListeners, l -> l == listener);
    }

    @Override
    public synchronized void offAny() {
        anyListeners = NO_ANY;
    }

    @Override
    public synchronized void use(EventMiddleware middleware) {
        middlewares = concat(middlewares, new EventMiddleware[] {Objects.requireNonNull(middleware)});
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void onError(Consumer<Throwable> listener) {
        errorListeners = concat(errorListeners, new Consumer[] {Objects.requireNonNull(listener)});
    }

    @SuppressWarnings("unchecked")
    private static Consumer<Throwable>[] noErrorListeners() {
        return (Consumer<Throwable>[]) NO_ERROR;
    }

    @Override
    public synchronized void onAnyOutgoing(AnyListener listener) {
        anyOutgoing = concat(anyOutgoing, new AnyListener[] {Objects.requireNonNull(listener)});
    }

    @Override
    public synchronized void offAnyOutgoing(AnyListener listener) {
        anyOutgoing = ListenerTable.withoutLast(anyOutgoing, l -> l == listener);
    }

    @Override
    public synchronized void offAnyOutgoing() {
        anyOutgoing = NO_ANY;
    }

    @Override
    public synchronized void onDisconnecting(DisconnectListener listener) {
        disconnecting = concat(disconnecting, new DisconnectListener[] {Objects.requireNonNull(listener)});
    }

    @Override
    public synchronized void onDisconnect(DisconnectListener listener) {
        disconnectListeners = concat(disconnectListeners,
                new DisconnectListener[] {Objects.requireNonNull(listener)});
    }

    private static <T> T[] concat(T[] a, T[] b) {
        T[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    // ------------------------------------------------------------ emitting

    @Override
    public void emit(String event, Object... args) {
        emitFlagged(event, args, false, true);
    }

    @Override
    public CompletableFuture<EventArgs> emitWithAck(String event, Object... args) {
        return emitWithAckFlagged(event, args, null, false);
    }

    @Override
    public SocketEmitter timeout(Duration timeout) {
        return new Emitter(timeout, false, true);
    }

    @Override
    public SocketEmitter asVolatile() {
        return new Emitter(null, true, true);
    }

    @Override
    public SocketEmitter compress(boolean compress) {
        return new Emitter(null, false, compress);
    }

    private void emitFlagged(String event, Object[] args, boolean volatileFlag, boolean compress) {
        ArrayNode payload = prepare(event, args);
        if (!connected) {
            return;
        }
        if (pid != null && !volatileFlag) {
            // With connection state recovery the event goes through the adapter, which gives it an offset
            // and keeps it for a reconnection (as the reference does).
            nsp.adapter().broadcast(new OutgoingPacket(PacketType.EVENT, nsp.name(), payload, -1),
                    new BroadcastOptions(Set.of(id), Set.of(), false, true, compress));
            return;
        }
        client.write(nsp.core().encoder().encode(PacketType.EVENT, nsp.name(), -1, payload), volatileFlag);
    }

    private CompletableFuture<EventArgs> emitWithAckFlagged(String event, Object[] args, Duration timeout,
                                                            boolean volatileFlag) {
        ArrayNode payload = prepare(event, args);
        CompletableFuture<EventArgs> future = new CompletableFuture<>();
        if (!connected) {
            future.completeExceptionally(new CancellationException("socket is not connected"));
            return future;
        }
        if (acks.size() >= nsp.core().options().maxPendingAcks()) {
            future.completeExceptionally(new IllegalStateException("too many pending acknowledgements ("
                    + acks.size() + ") for socket " + id));
            return future;
        }
        long ackId = nsp.nextAckId();
        ScheduledFuture<?> timer = null;
        if (timeout != null) {
            timer = client.session().executor().schedule(() -> {
                PendingAcks.Pending p = acks.take(ackId);
                if (p != null) {
                    executor.execute(() -> p.future().completeExceptionally(new AckTimeoutException(
                            "no acknowledgement within " + timeout.toMillis() + " ms", List.of(), 1)));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        acks.put(ackId, new PendingAcks.Pending(null, future, timer, observedNow()));
        client.write(nsp.core().encoder().encode(PacketType.EVENT, nsp.name(), ackId, payload), volatileFlag);
        return future;
    }

    /** Emits with flags; immutable. */
    private final class Emitter implements SocketEmitter {
        private final Duration timeout;
        private final boolean volatileFlag;
        private final boolean compress;

        Emitter(Duration timeout, boolean volatileFlag, boolean compress) {
            this.timeout = timeout;
            this.volatileFlag = volatileFlag;
            this.compress = compress;
        }

        @Override
        public void emit(String event, Object... args) {
            emitFlagged(event, args, volatileFlag, compress);
        }

        @Override
        public CompletableFuture<EventArgs> emitWithAck(String event, Object... args) {
            return emitWithAckFlagged(event, args, timeout, volatileFlag);
        }

        @Override
        public SocketEmitter timeout(Duration value) {
            return new Emitter(value, volatileFlag, compress);
        }

        @Override
        public SocketEmitter asVolatile() {
            return new Emitter(timeout, true, compress);
        }

        @Override
        public SocketEmitter compress(boolean value) {
            return new Emitter(timeout, volatileFlag, value);
        }
    }

    private ArrayNode prepare(String event, Object[] args) {
        if (PacketDecoder.isReserved(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        ArrayNode payload = Args.event(nsp.core().mapper(), event, args);
        AnyListener[] outgoing = anyOutgoing;
        if (outgoing.length > 0) {
            ArrayNode rest = payload.deepCopy();
            rest.remove(0);
            EventArgs ea = new EventArgs(rest, nsp.core().mapper());
            for (AnyListener l : outgoing) {
                try {
                    l.onEvent(event, ea);
                } catch (RuntimeException e) {
                    log.warn("onAnyOutgoing listener failed", e);
                }
            }
        }
        return payload;
    }

    /**
     * Registers an expected acknowledgement of a broadcast.
     *
     * @param ackId the id
     * @param onAnswer gets the answer's arguments
     */
    void expectAck(long ackId, Consumer<ArrayNode> onAnswer) {
        acks.put(ackId, new PendingAcks.Pending(onAnswer, null, null, observedNow()));
    }

    // ------------------------------------------------------------ broadcasting from this socket

    @Override
    public BroadcastOperator broadcast() {
        return nsp.except(id);
    }

    @Override
    public BroadcastOperator to(String... rooms) {
        return nsp.to(rooms).except(id);
    }

    @Override
    public BroadcastOperator except(String... rooms) {
        return nsp.except(rooms).except(id);
    }

    // ------------------------------------------------------------ incoming

    /**
     * A packet for this socket, on the client's I/O thread.
     *
     * @param packet the packet
     */
    void onPacket(Packet packet) {
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> {
                if (executor instanceof io.netty.util.concurrent.EventExecutor loop && loop.inEventLoop()) {
                    // Listeners run on this I/O thread (handlersOnEventLoop): every earlier task of this socket
                    // ran already, since it was queued on this same thread, so calling now keeps the order
                    // and saves a task per event.
                    dispatch(packet);
                    return;
                }
                if (QUEUED_EVENTS.incrementAndGet(this) > nsp.core().options().maxQueuedEvents()) {
                    log.debug("socket {}: more than {} events waiting for its listeners", id,
                            nsp.core().options().maxQueuedEvents());
                    client.flooded();
                    return;
                }
                executor.execute(() -> {
                    QUEUED_EVENTS.decrementAndGet(this);
                    dispatch(packet);
                });
            }
            case ACK, BINARY_ACK -> onAck(packet);
            case DISCONNECT -> {
                if (client.removeSocket(this)) {
                    executor.execute(() -> close(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT));
                }
            }
            default -> {
                // CONNECT is handled by the client; nothing else reaches a socket
            }
        }
    }

    private void dispatch(Packet packet) {
        if (!connected) {
            return;
        }
        ArrayNode data = (ArrayNode) packet.data();
        JsonNode first = data.remove(0);
        String event = first.isTextual() ? first.textValue() : first.asText();
        EventArgs args = new EventArgs(data, nsp.core().mapper());
        for (AnyListener l : anyListeners) {
            try {
                l.onEvent(event, args);
            } catch (RuntimeException e) {
                log.warn("onAny listener failed on {}", event, e);
            }
        }
        EventMiddleware[] chain = middlewares;
        if (chain.length == 0) {
            deliver(event, args, packet);
        } else {
            new EventMiddlewareRun(this, chain, event, args, packet).next(0);
        }
    }

    /**
     * An event refused by a middleware: the socket's error listeners get why.
     *
     * @param event the event
     * @param error why
     */
    void failed(String event, Throwable error) {
        Consumer<Throwable>[] ls = errorListeners;
        if (ls.length == 0) {
            log.debug("socket {}: event {} refused by a middleware, and no error listener: {}", id, event,
                    error.toString());
            return;
        }
        for (Consumer<Throwable> l : ls) {
            try {
                l.accept(error);
            } catch (RuntimeException e) {
                log.warn("error listener failed", e);
            }
        }
    }

    /**
     * Hands an event to its listeners, once the middlewares let it through.
     *
     * @param event the event
     * @param args its arguments
     * @param packet the packet it came in, for its ack id
     */
    void deliver(String event, EventArgs args, Packet packet) {
        if (!connected) {
            return;
        }
        Object ls = ListenerTable.get(listeners, event);
        if (ls == null) {
            return;
        }
        Ack ack = packet.hasId() ? new ClientAck(this, packet.id()) : ClientAck.NONE;
        if (ls instanceof Object[] several) {
            for (Object l : several) {
                invoke(l, event, args, ack);
            }
        } else {
            invoke(ls, event, args, ack);
        }
    }

    private static void invoke(Object listener, String event, EventArgs args, Ack ack) {
        try {
            if (listener instanceof AckEventListener l) {
                l.onEvent(args, ack);
            } else {
                ((EventListener) listener).onEvent(args);
            }
        } catch (RuntimeException e) {
            log.warn("listener of event {} failed", event, e);
        }
    }

    /** @return the time now when an observer wants ack latencies, else 0 (no clock read) */
    private long observedNow() {
        return nsp.core().observer() == SocketIoObserver.NONE ? 0 : System.nanoTime();
    }

    private void onAck(Packet packet) {
        PendingAcks.Pending p = acks.take(packet.id());
        if (p == null) {
            log.debug("socket {}: unknown ack id {}", id, packet.id());
            return;
        }
        if (p.sentAt() != 0) {
            nsp.core().observer().ackReceived(nsp.name(), System.nanoTime() - p.sentAt());
        }
        ArrayNode args = (ArrayNode) packet.data();
        executor.execute(() -> {
            if (p.onAnswer() != null) {
                p.onAnswer().accept(args);
            } else {
                p.future().complete(new EventArgs(args, nsp.core().mapper()));
            }
        });
    }

    private static final Set<DisconnectReason> RECOVERABLE = Set.of(DisconnectReason.TRANSPORT_ERROR,
            DisconnectReason.TRANSPORT_CLOSE, DisconnectReason.FORCED_CLOSE, DisconnectReason.PING_TIMEOUT,
            DisconnectReason.SERVER_SHUTTING_DOWN, DisconnectReason.FORCED_SERVER_CLOSE);

    private static final AnyListener[] NO_ANY = {};
    private static final EventMiddleware[] NO_MIDDLEWARE = {};
    private static final Consumer<?>[] NO_ERROR = {};
    private static final DisconnectListener[] NO_DISCONNECT = {};

    /**
     * Sends the acknowledgement the client asked for with an event ({@link ClientAck}).
     *
     * @param ackId the event's ack id
     * @param args the answer's arguments
     */
    void writeAck(long ackId, Object[] args) {
        client.write(nsp.core().encoder().encode(PacketType.ACK, nsp.name(), ackId,
                Args.array(nsp.core().mapper(), args)), false);
    }

    // ------------------------------------------------------------ lifecycle

    /** Joins its own room and sends the CONNECT reply; on the socket's executor. */
    void onConnected() {
        connected = true;
        join(id);
        if (restored != null) {
            join(restored.rooms().toArray(new String[0]));
            for (ArrayNode missed : restored.missedPackets()) {
                client.write(nsp.core().encoder().encode(PacketType.EVENT, nsp.name(), -1, missed), false);
            }
            restored = null; // its packets are written: a recovered socket keeps none of them
        }
        client.sendConnect(this);
    }

    @Override
    public void disconnect(boolean close) {
        if (close) {
            if (connected) {
                client.disconnectAll();
            }
            return;
        }
        disconnectByServer(true);
    }

    /**
     * Disconnects this socket for the server: off the connection, a DISCONNECT packet to the client, and the
     * socket closed on its executor.
     *
     * @param tellWhenGone whether the packet waits until the socket has left its rooms and the namespace, as with
     *                     the reference's single thread, so that a client reacting to it (asking for the room,
     *                     reconnecting) finds it gone; false when the connection closes right after, which would
     *                     drop a packet written later
     */
    void disconnectByServer(boolean tellWhenGone) {
        if (!connected) {
            return;
        }
        // Off the connection first: a transport close that the DISCONNECT provokes must not find the socket
        // and give it its own reason; and if the connection is already closing, that close speaks for it.
        if (!client.removeSocket(this)) {
            return;
        }
        List<EngineIoMessage> packet = nsp.core().encoder().encode(PacketType.DISCONNECT, nsp.name(), -1, null);
        if (tellWhenGone) {
            executor.execute(() -> {
                close(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
                client.write(packet, false);
            });
            return;
        }
        executor.execute(() -> close(DisconnectReason.SERVER_NAMESPACE_DISCONNECT));
        client.write(packet, false);
    }

    /**
     * Leaves the namespace: disconnecting listeners (still in the rooms), rooms, disconnect listeners; pending
     * acknowledgements fail. On the socket's executor; once.
     *
     * @param reason why
     */
    void close(DisconnectReason reason) {
        if (!connected) {
            cleanup();
            return;
        }
        for (DisconnectListener l : disconnecting) {
            fireDisconnect(l, reason);
        }
        if (pid != null && RECOVERABLE.contains(reason)) {
            nsp.adapter().persistSession(new PersistedSession(id, pid, rooms(), data, List.of()));
        }
        cleanup();
        connected = false;
        acks.cancelAll("socket disconnected: " + reason.reason());
        for (DisconnectListener l : disconnectListeners) {
            fireDisconnect(l, reason);
        }
    }

    /** Leaves every room and the namespace; the socket can join nothing afterwards. */
    void cleanup() {
        closed = true;
        nsp.adapter().delAll(id);
        nsp.remove(this);
    }

    private void fireDisconnect(DisconnectListener l, DisconnectReason reason) {
        try {
            l.onDisconnect(reason);
        } catch (RuntimeException e) {
            log.warn("disconnect listener failed", e);
        }
    }

    @Override
    public String toString() {
        return "Socket[" + id + " in " + nsp.name() + "]";
    }
}
