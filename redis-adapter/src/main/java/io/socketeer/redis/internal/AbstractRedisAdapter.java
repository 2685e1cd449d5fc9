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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What every Redis adapter of a namespace does the same way, whatever its wire protocol: its id, the serial
 * inbox where incoming messages are handled in order (never on Lettuce's event loop), readiness, the server
 * count, requests to the other servers waiting for one answer from each (with their timeout), acknowledged
 * broadcasts gathering the servers' client counts and the clients' answers, and the merge of remote socket
 * descriptions. Subclasses say what goes on the wire.
 *
 * @param <T> the protocol's request types
 */
public abstract class AbstractRedisAdapter<T> extends InMemoryAdapter {

    private static final Logger log = LoggerFactory.getLogger(AbstractRedisAdapter.class);
    /** JSON nodes. */
    protected static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** This adapter's id in the cluster. */
    protected final String uid;
    /** Where incoming messages are handled, in order. */
    protected final SerialExecutor inbox;
    private final Duration requestsTimeout;
    private final ScheduledExecutorService timers;
    private final Map<String, PendingRequest<T>> requests = new ConcurrentHashMap<>();
    private final Map<String, BroadcastAcks> ackRequests = new ConcurrentHashMap<>();
    private volatile int lastServerCount = 1;
    private volatile CompletableFuture<Void> ready;

    /**
     * Creates the adapter of a namespace.
     *
     * @param namespace the namespace
     * @param uid its id in the cluster, in the protocol's form
     * @param executor where incoming messages are handled
     * @param requestsTimeout how long requests wait for answers
     * @param timers where timeouts run
     */
    protected AbstractRedisAdapter(AdapterNamespace namespace, String uid, Executor executor,
                                   Duration requestsTimeout, ScheduledExecutorService timers) {
        super(namespace);
        this.uid = uid;
        this.inbox = new SerialExecutor(executor);
        this.requestsTimeout = requestsTimeout;
        this.timers = timers;
    }

    /** @return this adapter's id in the cluster */
    public String uid() {
        return uid;
    }

    /** @return a new id for a request, in the protocol's form */
    protected abstract String newRequestId();

    /** @return completes with the number of servers of the namespace, this one included */
    protected abstract CompletableFuture<Integer> countServers();

    /**
     * Asks the other servers for their sockets.
     *
     * @param options which sockets
     * @return completes with their descriptions (see {@link ClusterRemoteSocket})
     */
    protected abstract CompletableFuture<List<JsonNode>> askForSockets(BroadcastOptions options);

    /**
     * Sends a server-side event to the other servers.
     *
     * @param args the event name and arguments
     * @param expectAnswers whether each server answers it
     * @return completes with one value per server that answered (at once without answers)
     */
    protected abstract CompletableFuture<List<JsonNode>> publishServerSideEmit(ArrayNode args, boolean expectAnswers);

    /**
     * Sends a broadcast whose clients answer to the other servers.
     *
     * @param requestId the id their client counts and answers come back with
     * @param packet the packet
     * @param options its receivers
     * @param opts its options as sent, with the acknowledgement timeout if any
     */
    protected abstract void publishBroadcastWithAck(String requestId, OutgoingPacket packet, BroadcastOptions options,
                                                    ObjectNode opts);

    /**
     * Sets what {@link #ready()} waits for; called from {@link #init()}.
     *
     * @param subscribed completes when this adapter receives the other servers' messages
     */
    protected final void readyWhen(CompletableFuture<Void> subscribed) {
        ready = subscribed;
    }

    /** @return completes when this adapter receives the other servers' messages */
    @Override
    public CompletableFuture<Void> ready() {
        CompletableFuture<Void> r = ready;
        return r == null ? CompletableFuture.failedFuture(new IllegalStateException("not initialised")) : r;
    }

    @Override
    public void close() {
        for (PendingRequest<T> p : requests.values()) {
            p.result().completeExceptionally(new IllegalStateException("adapter closed"));
        }
        requests.clear();
        ackRequests.clear();
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

    // ------------------------------------------------------------ requests of this server

    @Override
    public void broadcastWithAck(OutgoingPacket packet, BroadcastOptions options, AckCollector acks) {
        if (options.local()) {
            super.broadcastWithAck(packet, options, acks);
            return;
        }
        String requestId = newRequestId();
        BroadcastAcks gathered = new BroadcastAcks(acks);
        ackRequests.put(requestId, gathered);
        Duration keep = acks.timeout() != null ? acks.timeout() : requestsTimeout;
        timers.schedule(() -> ackRequests.remove(requestId), keep.toMillis(), TimeUnit.MILLISECONDS);
        ObjectNode opts = ClusterCodec.options(options, true);
        if (acks.timeout() != null) {
            ((ObjectNode) opts.get("flags")).put("timeout", acks.timeout().toMillis());
        }
        publishBroadcastWithAck(requestId, packet, options, opts);
        super.broadcastWithAck(packet, options, gathered.local());
        serverCount(requestsTimeout).whenComplete((n, e) -> gathered.servers(e != null ? 1 : n));
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> local = localSockets(options);
        if (options.local()) {
            return CompletableFuture.completedFuture(local);
        }
        return askForSockets(options).thenApply(descriptions -> {
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
        return publishServerSideEmit(args, expectAnswers).thenApply(answers -> {
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

    /**
     * Counts the servers, publishes a request, and gathers one answer from each other server.
     *
     * @param requestId the request's id
     * @param type its type
     * @param timeoutMessage the failure's message, or {@code null} for "only n responses received out of m"
     * @param publish publishes the request
     * @return the answers' items, completed on the serial executor
     */
    protected final CompletableFuture<List<JsonNode>> ask(String requestId, T type, String timeoutMessage,
                                                          Supplier<CompletableFuture<?>> publish) {
        CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
        ScheduledFuture<?> timer = timers.schedule(() -> {
            PendingRequest<T> p = requests.remove(requestId);
            String message = timeoutMessage != null ? timeoutMessage
                    : p == null ? "timeout reached: the servers could not be counted"
                    : "timeout reached: only " + p.received() + " responses received out of " + p.expected();
            // the answers that did arrive go with the failure, as the reference hands them to its callback
            TimeoutException failure = p == null ? new AnswersTimeoutException(message, List.of(), -1)
                    : new AnswersTimeoutException(message, p.answersSoFar(), p.expected());
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
            requests.put(requestId, new PendingRequest<>(type, n - 1, result));
            publish.get().exceptionally(err -> {
                inbox.execute(() -> result.completeExceptionally(err));
                return null;
            });
        });
        return result;
    }

    // ------------------------------------------------------------ answers to this server

    /**
     * Returns a request of this server still waiting for answers.
     *
     * @param requestId its id
     * @return the request, or {@code null} (another server's, or one that timed out)
     */
    protected final PendingRequest<T> pending(String requestId) {
        return requests.get(requestId);
    }

    /**
     * Tells whether a request is this server's own, waiting for answers.
     *
     * @param requestId its id
     * @return whether it is
     */
    protected final boolean isOwnRequest(String requestId) {
        return requests.containsKey(requestId) || ackRequests.containsKey(requestId);
    }

    /**
     * Takes a server's client count or a client's answer to an acknowledged broadcast of this server.
     *
     * @param requestId the broadcast's id
     * @param clientCount whether the response is a client count (else an answer)
     * @param response the response: {@code clientCount}, or the answer in {@code packet}
     * @return whether the broadcast was one of this server's, still waiting
     */
    protected final boolean onBroadcastResponse(String requestId, boolean clientCount, JsonNode response) {
        BroadcastAcks acks = ackRequests.get(requestId);
        if (acks == null) {
            return false;
        }
        if (clientCount) {
            acks.serverReported(response.path("clientCount").asInt());
        } else {
            JsonNode packet = response.get("packet");
            acks.answer(NODES.arrayNode(1).add(packet == null ? NODES.nullNode() : packet));
        }
        return true;
    }

    // ------------------------------------------------------------ requests of the other servers

    /**
     * Describes this server's sockets for another server's {@code fetchSockets}.
     *
     * @param options which sockets
     * @param into where the descriptions go
     */
    protected final void describeLocalSockets(BroadcastOptions options, ArrayNode into) {
        for (RemoteSocket s : localSockets(options)) {
            into.add(ClusterRemoteSocket.describe(s, namespace));
        }
    }

    private List<RemoteSocket> localSockets(BroadcastOptions options) {
        return super.fetchSockets(options).join(); // the in-memory one is already done
    }

    /**
     * Delivers another server's acknowledged broadcast to this server's sockets; the client count and each
     * client's answer go back to that server.
     *
     * @param args the event name and arguments
     * @param options its receivers
     * @param clientCount sends the number of clients reached
     * @param answer sends one client's answer (its first value, as the reference does)
     */
    protected final void broadcastForRequester(ArrayNode args, BroadcastOptions options, IntConsumer clientCount,
                                               java.util.function.Consumer<JsonNode> answer) {
        OutgoingPacket p = new OutgoingPacket(PacketType.EVENT, namespace.name(), args, namespace.nextAckId());
        super.broadcastWithAck(p, options, new AckCollector() {
            @Override
            public void expect(int count) {
                clientCount.accept(count);
            }

            @Override
            public void answer(ArrayNode values) {
                answer.accept(firstValue(values));
            }
        });
    }

    /**
     * Returns the one value that travels for an answer: the reference sends only the first argument.
     *
     * @param args the answer's arguments
     * @return the first, or JSON {@code null} for none
     */
    protected static JsonNode firstValue(ArrayNode args) {
        return args.isEmpty() ? NODES.nullNode() : args.get(0);
    }
}
