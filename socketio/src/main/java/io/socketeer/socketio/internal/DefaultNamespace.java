package io.socketeer.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.socketio.Ack;
import io.socketeer.socketio.AckEventListener;
import io.socketeer.socketio.BroadcastOperator;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.Middleware;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.RoomListener;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.adapter.AckCollector;
import io.socketeer.socketio.AckTimeoutException;
import io.socketeer.socketio.adapter.Adapter;
import io.socketeer.socketio.adapter.AnswersTimeoutException;
import io.socketeer.socketio.adapter.AdapterNamespace;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.OutgoingPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A namespace: middlewares, connection listeners, its sockets on this server, its adapter, and the ack id
 * counter shared by its sockets and broadcasts (as the reference does, so ids never collide).
 */
public final class DefaultNamespace extends DelegatingBroadcastOperator implements Namespace, AdapterNamespace {

    private static final Logger log = LoggerFactory.getLogger(DefaultNamespace.class);

    private final SocketIoCore core;
    private final String name;
    private final DefaultDynamicNamespace parent;
    private final Adapter adapter;
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final List<RoomListener> roomJoinListeners = new CopyOnWriteArrayList<>();
    private final List<RoomListener> roomLeaveListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> roomCreateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> roomDeleteListeners = new CopyOnWriteArrayList<>();
    private final Map<String, DefaultSocket> sockets = new ConcurrentHashMap<>();
    private final AtomicLong ackIds = new AtomicLong();
    private final DefaultBroadcastOperator all;
    private final Map<String, List<AckEventListener>> serverSideListeners = new ConcurrentHashMap<>();
    private final Executor serverSideExecutor;
    private final AtomicBoolean announced = new AtomicBoolean();
    private final AtomicInteger joining = new AtomicInteger(); // a child's connections between resolve and joined
    // With connection state recovery, an emptied child is kept until this System.nanoTime() (0: not kept), so
    // that a client coming back within the window finds the sessions its adapter keeps.
    private volatile long keptUntil;

    /** Event names the reference refuses in {@code serverSideEmit}: they mean something else on a namespace. */
    private static final Set<String> RESERVED_SERVER_SIDE = Set.of("connect", "connection", "new_namespace");

    DefaultNamespace(SocketIoCore core, String name, DefaultDynamicNamespace parent) {
        this.core = core;
        this.name = name;
        this.parent = parent;
        this.serverSideExecutor = core.newSerialExecutor();
        this.adapter = core.options().adapterFactory().create(this);
        this.adapter.init();
        List<DefaultNamespace> self = List.of(this);
        this.all = new DefaultBroadcastOperator(() -> self, Set.of(), Set.of(), false, false, true, null);
    }

    /** @return the core */
    public SocketIoCore core() {
        return core;
    }

    /** @return the dynamic namespace this is a child of, or {@code null} */
    DefaultDynamicNamespace parent() {
        return parent;
    }

    /** A connection starts joining this child; counted by the registry when it resolves the name. */
    void joinStarted() {
        joining.incrementAndGet();
    }

    /** A connection stopped joining: it joined, was refused, or went away. */
    void joinEnded() {
        if (parent != null) {
            joining.decrementAndGet();
            removeIfEmpty();
        }
    }

    /** @return whether no socket is in this namespace and none is joining it */
    boolean idle() {
        return joining.get() == 0 && sockets.isEmpty();
    }

    private void removeIfEmpty() {
        if (parent == null || !core.options().cleanupEmptyChildNamespaces() || !idle()) {
            return;
        }
        long until = keptUntil;
        if (until != 0 && System.nanoTime() - until < 0) {
            return; // kept for recovery: the timer set when its last socket left checks again
        }
        core.namespaces().removeIfIdle(this);
    }

    /** @return the recovery window a child is kept through once emptied, or {@code null} when it is not kept */
    private Duration keepWindow() {
        return parent != null && core.options().cleanupEmptyChildNamespaces() ? recoveryWindow() : null;
    }

    /** Checks again, once the window is over, whether a child its last socket just left can go. */
    private void recheckAfter(Duration window, DefaultSocket leaving) {
        try {
            leaving.client().session().executor().schedule(this::removeIfEmpty, window.toMillis() + 1,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the server is stopping: nothing to keep
        }
    }

    /** @return {@code true} the first time only: whoever gets it tells the namespace creation listeners */
    boolean announce() {
        return announced.compareAndSet(false, true);
    }

    /** @return the next ack id of this namespace */
    @Override
    public long nextAckId() {
        return ackIds.getAndIncrement();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Namespace use(Middleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    @Override
    public Namespace onConnection(Consumer<Socket> listener) {
        connectionListeners.add(listener);
        return this;
    }

    @Override
    public Namespace onRoomJoin(RoomListener listener) {
        roomJoinListeners.add(listener);
        return this;
    }

    @Override
    public Namespace onRoomLeave(RoomListener listener) {
        roomLeaveListeners.add(listener);
        return this;
    }

    @Override
    public Namespace onRoomCreate(Consumer<String> listener) {
        roomCreateListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    @Override
    public Namespace onRoomDelete(Consumer<String> listener) {
        roomDeleteListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    @Override
    public void roomCreated(String room) {
        fireRoom(roomCreateListeners, room);
    }

    @Override
    public void roomDeleted(String room) {
        fireRoom(roomDeleteListeners, room);
    }

    @Override
    public void roomJoined(String room, String socketId) {
        fireRoom(roomJoinListeners, room, socketId);
    }

    @Override
    public void roomLeft(String room, String socketId) {
        fireRoom(roomLeaveListeners, room, socketId);
    }

    private void fireRoom(List<RoomListener> listeners, String room, String socketId) {
        for (RoomListener l : listeners) {
            try {
                l.onRoom(room, socketId);
            } catch (RuntimeException e) {
                log.warn("room listener of namespace {} failed", name, e);
            }
        }
    }

    private void fireRoom(List<Consumer<String>> listeners, String room) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(room);
            } catch (RuntimeException e) {
                log.warn("room listener of namespace {} failed", name, e);
            }
        }
    }

    @Override
    public Map<String, Socket> sockets() {
        return Collections.unmodifiableMap(sockets);
    }

    @Override
    public Adapter adapter() {
        return adapter;
    }

    // ------------------------------------------------------------ server-side events

    @Override
    public void serverSideEmit(String event, Object... args) {
        adapter.serverSideEmit(serverSideEvent(event, args), false);
    }

    @Override
    public CompletableFuture<List<EventArgs>> serverSideEmitWithAck(String event, Object... args) {
        CompletableFuture<List<EventArgs>> result = new CompletableFuture<>();
        adapter.serverSideEmit(serverSideEvent(event, args), true).whenComplete((answers, error) -> {
            if (error == null) {
                result.complete(eventArgs(answers));
                return;
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof AnswersTimeoutException t) {
                result.completeExceptionally(new AckTimeoutException(t.getMessage(), eventArgs(t.answers()),
                        t.expected()));
            } else if (cause instanceof java.util.concurrent.TimeoutException && !(cause instanceof AckTimeoutException)) {
                result.completeExceptionally(new AckTimeoutException(cause.getMessage(), List.of(), -1));
            } else {
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    private List<EventArgs> eventArgs(List<ArrayNode> answers) {
        List<EventArgs> list = new ArrayList<>(answers.size());
        for (ArrayNode a : answers) {
            list.add(new EventArgs(a, core.mapper()));
        }
        return List.copyOf(list);
    }

    private ArrayNode serverSideEvent(String event, Object[] args) {
        if (RESERVED_SERVER_SIDE.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        return Args.event(core.mapper(), event, args);
    }

    @Override
    public Namespace onServerSideEmit(String event, AckEventListener listener) {
        serverSideListeners.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(listener);
        return this;
    }

    @Override
    public void receiveServerSideEmit(ArrayNode args, Consumer<ArrayNode> answer) {
        if (args.isEmpty() || !args.get(0).isTextual()) {
            log.debug("namespace {}: server-side event without a name dropped", name);
            return;
        }
        List<AckEventListener> listeners = serverSideListeners.get(args.get(0).asText());
        if (listeners == null || listeners.isEmpty()) {
            return;
        }
        ArrayNode rest = args.arrayNode(args.size() - 1);
        for (int i = 1; i < args.size(); i++) {
            rest.add(args.get(i));
        }
        EventArgs eventArgs = new EventArgs(rest, core.mapper());
        AtomicBoolean answered = new AtomicBoolean();
        Ack ack = new Ack() {
            @Override
            public boolean requested() {
                return answer != null;
            }

            @Override
            public void send(Object... ackArgs) {
                if (answer != null && answered.compareAndSet(false, true)) {
                    answer.accept(Args.array(core.mapper(), ackArgs));
                }
            }
        };
        serverSideExecutor.execute(() -> {
            for (AckEventListener l : listeners) {
                try {
                    l.onEvent(eventArgs, ack);
                } catch (RuntimeException e) {
                    log.warn("server-side listener of namespace {} failed", name, e);
                }
            }
        });
    }

    // ------------------------------------------------------------ connecting

    /**
     * Runs the middlewares for a new socket, then connects it; on the socket's executor.
     *
     * @param socket the socket
     * @param skipMiddlewares whether to skip them (a recovered session)
     */
    void connect(DefaultSocket socket, boolean skipMiddlewares) {
        List<Middleware> chain = new ArrayList<>();
        if (!skipMiddlewares) {
            if (parent != null) {
                chain.addAll(parent.middlewares());
            }
            chain.addAll(middlewares);
        }
        socket.executor().execute(() -> runMiddleware(socket, chain, 0));
    }

    private void runMiddleware(DefaultSocket socket, List<Middleware> chain, int index) {
        if (!socket.client().isOpen()) {
            socket.client().connectAborted(name);
            joinEnded();
            return;
        }
        if (index == chain.size()) {
            doConnect(socket);
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        Middleware.Next next = new Middleware.Next() {
            @Override
            public void proceed() {
                if (done.compareAndSet(false, true)) {
                    socket.executor().execute(() -> runMiddleware(socket, chain, index + 1));
                }
            }

            @Override
            public void fail(String message, Object data) {
                if (done.compareAndSet(false, true)) {
                    socket.executor().execute(() -> {
                        socket.client().connectRefused(socket, message, data);
                        joinEnded();
                    });
                }
            }
        };
        try {
            chain.get(index).handle(socket, next);
        } catch (RuntimeException e) {
            log.warn("middleware of namespace {} failed", name, e);
            next.fail(e.getMessage() != null ? e.getMessage() : e.toString(), null);
        }
    }

    private void doConnect(DefaultSocket socket) {
        if (!socket.client().isOpen() || !socket.client().connected(socket)) {
            socket.client().connectAborted(name);
            joinEnded();
            return;
        }
        sockets.put(socket.id(), socket);
        joinEnded();
        core.observer().socketConnected(name);
        socket.onConnected();
        if (parent != null) {
            for (Consumer<Socket> l : parent.connectionListeners()) {
                fire(l, socket);
            }
        }
        for (Consumer<Socket> l : connectionListeners) {
            fire(l, socket);
        }
    }

    private void fire(Consumer<Socket> listener, Socket socket) {
        try {
            listener.accept(socket);
        } catch (RuntimeException e) {
            log.warn("connection listener of namespace {} failed", name, e);
        }
    }

    void remove(DefaultSocket socket) {
        Duration window = keepWindow();
        if (window != null && sockets.get(socket.id()) == socket) {
            // before the socket leaves the map, so that whoever then finds the child empty sees it kept
            keptUntil = System.nanoTime() + window.toNanos();
        }
        if (sockets.remove(socket.id(), socket)) {
            core.observer().socketDisconnected(name);
            if (window != null && sockets.isEmpty()) {
                recheckAfter(window, socket);
            }
            removeIfEmpty();
        }
    }

    // ------------------------------------------------------------ AdapterNamespace

    @Override
    public RemoteSocket localSocket(String id) {
        return sockets.get(id);
    }

    @Override
    public BroadcastOperator operator() {
        return all;
    }

    @Override
    public JsonNode toTree(Object value) {
        return Args.toNode(core.mapper(), value);
    }

    @Override
    public Duration recoveryWindow() {
        return core.options().connectionStateRecovery() == null ? null
                : core.options().connectionStateRecovery().maxDisconnectionDuration();
    }

    @Override
    public Collection<String> localSocketIds() {
        return sockets.keySet();
    }

    @Override
    public int deliver(OutgoingPacket packet, Iterable<String> socketIds, BroadcastOptions options, AckCollector acks) {
        List<EngineIoMessage> encoded = core.encoder().encode(packet.type(), packet.namespace(), packet.id(),
                packet.data());
        int n = 0;
        for (String id : socketIds) {
            DefaultSocket s = sockets.get(id);
            if (s == null || !s.connected()) {
                continue;
            }
            if (acks != null) {
                s.expectAck(packet.id(), acks::answer);
            }
            s.client().write(encoded, options.volatileFlag());
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------ BroadcastOperator

    @Override
    protected BroadcastOperator all() {
        return all;
    }

    @Override
    public String toString() {
        return "Namespace[" + name + "]";
    }
}
