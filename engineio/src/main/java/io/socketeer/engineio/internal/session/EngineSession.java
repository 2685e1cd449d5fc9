package io.socketeer.engineio.internal.session;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.HandshakeRequest;
import io.socketeer.engineio.Transport;
import io.socketeer.engineio.internal.protocol.PacketType;
import io.socketeer.engineio.internal.protocol.Packets;
import io.socketeer.engineio.internal.protocol.ParseException;
import io.socketeer.engineio.internal.transport.HttpExchange;
import io.socketeer.engineio.internal.transport.HttpResponses;
import io.socketeer.engineio.internal.transport.PollingTransport;
import io.socketeer.engineio.internal.transport.SessionTransport;
import io.socketeer.engineio.internal.transport.WebSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The state machine of one Engine.IO session: its outgoing queue, current transport, upgrade and heartbeat.
 *
 * <p>Pinned to one event loop: every field is touched only there. Requests and frames that arrive on other
 * event loops are handed over with {@link #execute(Runnable)}.
 */
public final class EngineSession implements EngineIoSession {

    private static final VarHandle DATA_REQUEST;

    static {
        try {
            DATA_REQUEST = MethodHandles.lookup()
                    .findVarHandle(EngineSession.class, "dataRequest", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EngineSession.class);

    private enum State { OPEN, CLOSING, CLOSED }

    private final String id;
    private final int protocol;
    private final EventLoop loop;
    private final HandshakeRequest handshake;
    private final EngineIoOptions options;
    private final EngineIoListener listener;
    private final Consumer<EngineSession> onClosed;
    private final Heartbeats heartbeats;
    /** Links of this session in a queue of its {@link Heartbeats} (protocol 4), and that queue. */
    EngineSession hbPrev;
    EngineSession hbNext;
    Object hbQueue;

    private State state = State.OPEN;
    private volatile boolean open = true;
    private volatile Transport transportName;
    private volatile SessionTransport transport;
    /**
     * What waits to be written: {@code null}, one message, or an {@code ArrayList} of them (handed to the
     * transport as it is when flushed). An idle session holds nothing here; see {@link #queue}.
     */
    private Object buffer;
    /** Bytes of the messages in {@link #buffer}; bounded by {@code maxBufferedBytes}. */
    private long bufferedBytes;
    private boolean flushScheduled;

    /** An upgrade to a WebSocket under way, or {@code null}. */
    private ProbeUpgrade upgrade;
    private ScheduledFuture<?> closeTimer;

    private ScheduledFuture<?> heartbeatTimer; // protocol 3 only: protocol 4 uses the loop's Heartbeats
    private boolean awaitingPong;
    /**
     * The instant (the loop's ticker) at which the session is dead for lack of heartbeat; in protocol 4 also
     * what its {@link Heartbeats} queue waits for (the ping is due one timeout before it).
     */
    long heartbeatDeadline;

    private volatile Object attachment;
    /** 1 while the body of a polling POST is being read, on whichever loop reads it. */
    private volatile int dataRequest;

    /**
     * Creates a session; call {@link #start()} once its open packet is on its way.
     *
     * @param id the sid
     * @param protocol 3 or 4
     * @param loop the event loop it lives on
     * @param handshake the handshake request
     * @param options the server options
     * @param listener the application listener
     * @param transport the first transport
     * @param onClosed told once when the session is closed, to forget it
     * @param heartbeats the heartbeat timers of {@code loop}, for {@code options}
     */
    public EngineSession(String id, int protocol, EventLoop loop, HandshakeRequest handshake,
                         EngineIoOptions options, EngineIoListener listener, SessionTransport transport,
                         Consumer<EngineSession> onClosed, Heartbeats heartbeats) {
        this.id = id;
        this.protocol = protocol;
        this.loop = loop;
        this.handshake = handshake;
        this.options = options;
        this.listener = listener;
        this.transport = transport;
        this.transportName = transport.name();
        this.onClosed = onClosed;
        this.heartbeats = heartbeats;
        this.heartbeatDeadline = now() + heartbeats.intervalNanos + heartbeats.timeoutNanos;
    }

    /**
     * The open packet: {@code 0{"sid":…,"upgrades":[…],"pingInterval":…,"pingTimeout":…,"maxPayload":…}}
     * (no maxPayload in v3).
     *
     * @return the packet
     */
    public EngineIoMessage openPacket() {
        boolean upgradable = transportName == Transport.POLLING && options.allowUpgrades()
                && options.transports().contains(Transport.WEBSOCKET);
        StringBuilder sb = new StringBuilder(128)
                .append("{\"sid\":\"").append(id)
                .append("\",\"upgrades\":").append(upgradable ? "[\"websocket\"]" : "[]")
                .append(",\"pingInterval\":").append(options.pingInterval().toMillis())
                .append(",\"pingTimeout\":").append(options.pingTimeout().toMillis());
        if (protocol >= 4) {
            sb.append(",\"maxPayload\":").append(options.maxPayload());
        }
        return Packets.control(PacketType.OPEN, sb.append('}').toString());
    }

    /** The event loop's clock, which its timers use too (and tests can freeze). */
    private long now() {
        return loop.ticker().nanoTime();
    }

    /** Starts the heartbeat and tells the listener; on the session's loop, after the open packet is written. */
    public void start() {
        heartbeatDeadline = now() + heartbeats.intervalNanos + heartbeats.timeoutNanos;
        if (protocol >= 4) {
            heartbeats.pingLater(this);
        } else {
            heartbeatTimer = loop.schedule(this::checkHeartbeat, heartbeats.intervalNanos + heartbeats.timeoutNanos,
                    TimeUnit.NANOSECONDS);
        }
        try {
            listener.onOpen(this);
        } catch (RuntimeException e) {
            log.warn("listener failed on open of session {}", id, e);
        }
    }

    // ---------------------------------------------------------------- API

    @Override
    public String id() {
        return id;
    }

    @Override
    public int protocolVersion() {
        return protocol;
    }

    @Override
    public Transport transport() {
        return transportName;
    }

    @Override
    public HandshakeRequest handshake() {
        return handshake;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void send(EngineIoMessage message) {
        if (loop.inEventLoop()) {
            enqueue(message);
        } else {
            execute(() -> enqueue(message));
        }
    }

    @Override
    public void send(List<EngineIoMessage> messages) {
        if (loop.inEventLoop()) {
            enqueue(messages);
        } else {
            List<EngineIoMessage> copy = List.copyOf(messages);
            execute(() -> enqueue(copy));
        }
    }

    @Override
    public void trySend(List<EngineIoMessage> messages) {
        if (loop.inEventLoop()) {
            sendIfWritable(messages);
        } else {
            List<EngineIoMessage> copy = List.copyOf(messages);
            execute(() -> sendIfWritable(copy));
        }
    }

    private void sendIfWritable(List<EngineIoMessage> messages) {
        if (state == State.OPEN && buffer == null && transport.writable() && upgrade == null) {
            enqueue(messages);
        }
    }

    @Override
    public void close() {
        if (loop.inEventLoop()) {
            closeGracefully();
        } else {
            execute(this::closeGracefully);
        }
    }

    @Override
    public ScheduledExecutorService executor() {
        return loop;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }

    @Override
    public void attach(Object value) {
        attachment = value;
    }

    /** @return whether a long-poll is held right now (for diagnostics and tests; any thread) */
    public boolean pollHeld() {
        return transport instanceof PollingTransport p && p.writable();
    }

    /** @return the event loop */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Runs a task on the session's loop; dropped quietly if the loop is shutting down.
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("event loop of session {} is shutting down", id);
        }
    }

    // ---------------------------------------------------------------- sending

    private void enqueue(EngineIoMessage message) {
        if (state != State.OPEN) {
            return;
        }
        queue(message);
        bufferedBytes += message.size();
        afterEnqueue();
    }

    private void enqueue(List<EngineIoMessage> messages) {
        if (state != State.OPEN) {
            return;
        }
        for (EngineIoMessage m : messages) {
            queue(m);
            bufferedBytes += m.size();
        }
        afterEnqueue();
    }

    private void afterEnqueue() {
        if (bufferedBytes > options.maxBufferedBytes()) {
            // A client that does not read (stalled socket, no polling) must not grow the server's memory
            // without bound: it is cut off, and reconnects if it is still alive.
            log.debug("session {}: {} bytes queued, over the limit", id, bufferedBytes);
            closeNow(CloseReason.BUFFER_FULL, bufferedBytes + " bytes queued for a client that does not read",
                    false);
            return;
        }
        scheduleFlush();
    }

    /** @return the bytes of the messages queued for the client and not yet handed to its connection */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            if (!loop.inEventLoop() || !FlushBatch.add(this)) {
                loop.execute(this::flushTask);
            }
        }
    }

    void flushTask() {
        flushScheduled = false;
        flush();
    }

    /** Delivers the queue if the transport can take it now. */
    private void flush() {
        if (state == State.CLOSED || buffer == null || !transport.writable()) {
            return;
        }
        List<EngineIoMessage> batch = takeQueued();
        bufferedBytes = 0;
        transport.write(batch);
    }

    private void queue(EngineIoMessage message) {
        Object b = buffer;
        if (b == null) {
            buffer = message;
        } else if (b instanceof EngineIoMessage first) {
            ArrayList<EngineIoMessage> list = new ArrayList<>(4);
            list.add(first);
            list.add(message);
            buffer = list;
        } else {
            @SuppressWarnings("unchecked")
            ArrayList<EngineIoMessage> list = (ArrayList<EngineIoMessage>) b;
            list.add(message);
        }
    }

    @SuppressWarnings("unchecked")
    private List<EngineIoMessage> takeQueued() {
        Object b = buffer;
        buffer = null;
        return b == null ? List.of() : b instanceof EngineIoMessage m ? List.of(m) : (List<EngineIoMessage>) b;
    }

    // ---------------------------------------------------------------- polling

    /**
     * A polling GET for this session, on the session's loop. The exchange is answered now or held.
     *
     * @param ex the exchange
     */
    public void onPollRequest(HttpExchange ex) {
        PollingTransport polling = pollingOrNull();
        if (state == State.CLOSED || polling == null) {
            HttpResponses.error(ex, options, state == State.CLOSED ? HttpResponses.UNKNOWN_SID
                    : HttpResponses.BAD_REQUEST, null);
            ex.release();
            return;
        }
        if (heartbeatExpired()) {
            closeNow(CloseReason.PING_TIMEOUT, "", false);
            HttpResponses.error(ex, options, HttpResponses.UNKNOWN_SID, null);
            ex.release();
            return;
        }
        if (polling.writable()) {
            // Reference behaviour: the overlapping request fails, the session closes with a transport error
            // and the held request gets the close packet.
            HttpResponses.error(ex, options, HttpResponses.BAD_REQUEST, null);
            ex.release();
            closeNow(CloseReason.TRANSPORT_ERROR, "overlap from client", false);
            return;
        }
        polling.hold(ex, () -> execute(() -> {
            if (polling.isHeld(ex)) {
                polling.dropHeld();
                closeNow(CloseReason.TRANSPORT_ERROR, "poll connection closed prematurely", false);
            }
        }));
        if (state == State.CLOSING) {
            if (buffer != null) {
                // What is left goes out alone, the close packet with the next poll (see closeGracefully).
                flush();
                return;
            }
            queue(Packets.CLOSE);
            flush();
            closeNow(CloseReason.FORCED_CLOSE, "", false);
            return;
        }
        flush();
    }

    /**
     * Marks the start of a polling POST, when its head arrives and before its body is read; from any
     * thread. A session reads one POST at a time, as the reference does: when one is already in flight the
     * new one is an overlap, which closes the session with a transport error; the caller answers it 400.
     *
     * @return whether the POST may go on; {@code false} for an overlap (the session is being closed)
     */
    public boolean beginDataRequest() {
        if (DATA_REQUEST.compareAndSet(this, 0, 1)) {
            return true;
        }
        log.debug("session {}: data request overlap from client", id);
        execute(() -> closeNow(CloseReason.TRANSPORT_ERROR, "data request overlap from client", false));
        return false;
    }

    /**
     * Ends the polling POST {@link #beginDataRequest()} admitted: its body was read (or refused); from any
     * thread.
     *
     * @param complete {@code false} when the connection closed before the body was complete, which closes
     *                 the session with a transport error as the reference does
     */
    public void endDataRequest(boolean complete) {
        dataRequest = 0;
        if (!complete) {
            log.debug("session {}: data request connection closed prematurely", id);
            execute(() -> closeNow(CloseReason.TRANSPORT_ERROR, "data request connection closed prematurely",
                    false));
        }
    }

    /**
     * A polling POST for this session, on the session's loop. Every packet is handled before {@code ok} is
     * written, so what the application sends in reaction is already queued when the client polls again.
     *
     * @param ex the exchange
     */
    public void onPollData(HttpExchange ex) {
        try {
            PollingTransport polling = pollingOrNull();
            if (state == State.CLOSED || polling == null) {
                HttpResponses.error(ex, options, state == State.CLOSED ? HttpResponses.UNKNOWN_SID
                        : HttpResponses.BAD_REQUEST, null);
                return;
            }
            if (heartbeatExpired()) {
                closeNow(CloseReason.PING_TIMEOUT, "", false);
                HttpResponses.error(ex, options, HttpResponses.UNKNOWN_SID, null);
                return;
            }
            List<EngineIoMessage> packets;
            try {
                packets = polling.decode(ex);
            } catch (ParseException e) {
                log.debug("session {}: bad polling payload: {}", id, e.getMessage());
                HttpResponses.error(ex, options, HttpResponses.BAD_REQUEST, null);
                closeNow(CloseReason.PARSE_ERROR, e.getMessage(), false);
                return;
            }
            for (EngineIoMessage p : packets) {
                if (state != State.OPEN) {
                    break;
                }
                onPacket(p);
            }
            HttpResponses.ok(ex, options.cors());
        } finally {
            ex.release();
        }
    }

    private PollingTransport pollingOrNull() {
        return transport instanceof PollingTransport p ? p : null;
    }

    // ---------------------------------------------------------------- packets

    /**
     * A packet from the client on the session's current transport.
     *
     * @param packet the packet
     */
    public void onPacket(EngineIoMessage packet) {
        if (state == State.CLOSED) {
            return;
        }
        if (protocol == 3) {
            heartbeatDeadline = now() + heartbeats.intervalNanos + heartbeats.timeoutNanos;
        }
        switch (Packets.type(packet)) {
            case MESSAGE -> {
                if (state == State.OPEN) {
                    try {
                        listener.onMessage(this, packet);
                    } catch (RuntimeException e) {
                        log.warn("listener failed on a message of session {}", id, e);
                    }
                }
            }
            case PING -> {
                if (protocol == 3) {
                    enqueue(Packets.hasData(packet, "") ? Packets.PONG
                            : Packets.control(PacketType.PONG, packet.text()));
                } else {
                    closeNow(CloseReason.TRANSPORT_ERROR, "invalid heartbeat direction", false);
                }
            }
            case PONG -> {
                if (protocol >= 4 && awaitingPong) {
                    awaitingPong = false;
                    heartbeatDeadline = now() + heartbeats.intervalNanos + heartbeats.timeoutNanos;
                    heartbeats.pingLater(this);
                }
            }
            case CLOSE -> closeNow(CloseReason.TRANSPORT_CLOSE, "client close", true);
            default -> {
                // open, upgrade and noop mean nothing here; the reference ignores them too
            }
        }
    }

    /**
     * A packet that could not be decoded, on the session's loop.
     *
     * @param why what was wrong
     */
    public void onParseError(String why) {
        log.debug("session {}: parse error: {}", id, why);
        closeNow(CloseReason.PARSE_ERROR, why, false);
    }

    // ---------------------------------------------------------------- heartbeat

    /** The ping interval ran out (protocol 4), on the session's loop. */
    void sendPing() {
        if (state != State.OPEN) {
            return;
        }
        awaitingPong = true;
        enqueue(Packets.PING);
        // The timeout starts when the ping is queued, not when a poll delivers it (reference behaviour).
        heartbeatDeadline = now() + heartbeats.timeoutNanos;
        if (state != State.CLOSED) {
            heartbeats.awaitPong(this);
        }
    }

    /** The pong timeout ran out (protocol 4), on the session's loop. */
    void pongMissed() {
        if (state != State.CLOSED) {
            closeNow(CloseReason.PING_TIMEOUT, "", false);
        }
    }

    private void checkHeartbeat() {
        if (state == State.CLOSED) {
            return;
        }
        long left = heartbeatDeadline - now();
        if (left > 0) {
            heartbeatTimer = loop.schedule(this::checkHeartbeat, left, TimeUnit.NANOSECONDS);
            return;
        }
        closeNow(CloseReason.PING_TIMEOUT, "", false);
    }

    private boolean heartbeatExpired() {
        return (protocol == 3 || awaitingPong) && now() - heartbeatDeadline >= 0;
    }

    // ---------------------------------------------------------------- upgrade

    /**
     * A WebSocket asks to take over this polling session, on the session's loop.
     *
     * @param ws the new transport
     */
    public void onUpgradeRequest(WebSocketTransport ws) {
        if (state != State.OPEN || transportName != Transport.POLLING || upgrade != null
                || !options.allowUpgrades()) {
            ws.close(false);
            return;
        }
        upgrade = new ProbeUpgrade(ws, loop, options.upgradeTimeout().toNanos(),
                () -> abortUpgrade("upgrade timeout"));
    }

    /**
     * A packet on the probing WebSocket, on the session's loop.
     *
     * @param ws the probing transport
     * @param packet the packet
     */
    public void onProbePacket(WebSocketTransport ws, EngineIoMessage packet) {
        if (!isProbe(ws)) {
            ws.close(false);
            return;
        }
        ProbeUpgrade u = upgrade;
        PacketType type = Packets.type(packet);
        if (type == PacketType.PING && Packets.hasData(packet, "probe") && !u.probed()) {
            u.answerProbe(loop, this::releasePoll);
        } else if (type == PacketType.UPGRADE && u.probed()) {
            completeUpgrade(ws);
            if (state == State.CLOSING) {
                closeNow(CloseReason.FORCED_CLOSE, "", false);
            }
        } else {
            abortUpgrade("unexpected packet during upgrade");
        }
    }

    private boolean isProbe(WebSocketTransport ws) {
        return upgrade != null && upgrade.socket() == ws;
    }

    private void releasePoll() {
        if (transport instanceof PollingTransport polling && polling.writable()) {
            if (buffer == null) {
                polling.write(List.of(Packets.NOOP));
            } else {
                flush();
            }
        }
    }

    private void completeUpgrade(WebSocketTransport ws) {
        upgrade.stop();
        upgrade = null;
        SessionTransport old = transport;
        transport = ws;
        transportName = Transport.WEBSOCKET;
        old.close(true); // a poll still held gets a noop
        try {
            listener.onUpgrade(this);
        } catch (RuntimeException e) {
            log.warn("listener failed on upgrade of session {}", id, e);
        }
        flush(); // what was queued for polling goes out on the WebSocket, in order
    }

    /** Gives up the upgrade under way, if there is one, and tells the observer why; the probe is closed. */
    private void abortUpgrade(String why) {
        ProbeUpgrade u = upgrade;
        if (u == null) {
            return; // nothing under way: nothing failed
        }
        upgrade = null;
        u.stop();
        log.debug("session {}: upgrade aborted: {}", id, why);
        options.observer().upgradeFailed(why);
        u.socket().close(false);
    }

    /**
     * A packet from a WebSocket of this session, on the session's loop.
     *
     * @param ws the transport it came on
     * @param packet the packet
     */
    public void onWebSocketPacket(WebSocketTransport ws, EngineIoMessage packet) {
        if (ws == transport) {
            onPacket(packet);
        } else if (isProbe(ws)) {
            onProbePacket(ws, packet);
        } else {
            ws.close(false);
        }
    }

    /**
     * An undecodable frame on a WebSocket of this session, on the session's loop.
     *
     * @param ws the transport it came on
     * @param why what was wrong
     */
    public void onWebSocketParseError(WebSocketTransport ws, String why) {
        if (ws == transport) {
            onParseError(why);
        } else if (isProbe(ws)) {
            abortUpgrade(why);
        } else {
            ws.close(false);
        }
    }

    /**
     * A WebSocket of this session can take data again (its channel became writable), on the session's loop.
     *
     * @param ws the transport
     */
    public void onWebSocketWritable(WebSocketTransport ws) {
        if (ws == transport) {
            flush();
        }
    }

    /**
     * A WebSocket of this session closed, on the session's loop.
     *
     * @param ws the transport
     * @param error whether it failed rather than closed
     */
    public void onWebSocketClosed(WebSocketTransport ws, boolean error) {
        if (isProbe(ws)) {
            abortUpgrade("probe closed");
        } else if (ws == transport) {
            closeNow(error ? CloseReason.TRANSPORT_ERROR : CloseReason.TRANSPORT_CLOSE,
                    error ? "websocket error" : "websocket closed", false);
        }
    }

    // ---------------------------------------------------------------- closing

    private void closeGracefully() {
        if (state != State.OPEN) {
            return;
        }
        open = false;
        if (transport instanceof PollingTransport polling) {
            if (polling.writable() && buffer == null) {
                queue(Packets.CLOSE);
                flush();
                closeNow(CloseReason.FORCED_CLOSE, "", false);
            } else {
                // CLOSE_APART: what is queued goes out first, the close packet in a payload of its own on the
                // poll after it, as the reference sends it once its buffer drained. socket.io-client hands
                // the packets of a payload to its sockets on the next tick but reacts to a close packet at
                // once, so a DISCONNECT next to the close would reach the application as "transport close".
                // A probe goes on: a client that paused polling for its upgrade sends no poll the close
                // could go out on, so the upgrade completes and the close goes out on the WebSocket, as the
                // reference closes a session that upgrades while closing.
                flush();
                state = State.CLOSING;
                closeTimer = loop.schedule(() -> closeNow(CloseReason.FORCED_CLOSE, "", false),
                        heartbeats.intervalNanos + heartbeats.timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } else {
            flush();
            closeNow(CloseReason.FORCED_CLOSE, "", false);
        }
    }

    /**
     * Closes for a server shutdown, on the session's loop: what is queued goes out first, then the close (a
     * held poll gets the queue and the close packet; a WebSocket its frames and a close frame).
     *
     * @param reason the reason to report
     */
    public void shutdown(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        abortUpgrade("server shutting down");
        if (transport instanceof PollingTransport polling) {
            if (polling.writable()) {
                queue(Packets.CLOSE);
                polling.write(takeQueued());
            }
        } else if (buffer != null && transport instanceof WebSocketTransport ws && ws.channel().isActive()) {
            ws.write(takeQueued());
        }
        closeNow(reason, "", false);
    }

    private void closeNow(CloseReason reason, String description, boolean byClient) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        open = false;
        heartbeats.remove(this);
        if (heartbeatTimer != null) {
            heartbeatTimer.cancel(false);
        }
        if (closeTimer != null) {
            closeTimer.cancel(false);
        }
        abortUpgrade("session closed");
        buffer = null;
        bufferedBytes = 0;
        onClosed.accept(this);
        transport.close(byClient);
        log.debug("session {} closed: {} {}", id, reason.reason(), description);
        try {
            listener.onClose(this, reason, description);
        } catch (RuntimeException e) {
            log.warn("listener failed on close of session {}", id, e);
        }
    }

    /**
     * Answers a request with an HTTP status and no body; used for the "closed" answers.
     *
     * @param ex the exchange
     * @param status the status
     */
    public void answer(HttpExchange ex, HttpResponseStatus status) {
        HttpResponses.status(ex, options.cors(), status);
    }

    @Override
    public String toString() {
        return "EngineSession[" + id + ", v" + protocol + ", " + transportName + ", " + state + "]";
    }
}
