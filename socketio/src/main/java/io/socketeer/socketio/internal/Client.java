package io.socketeer.socketio.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.HandshakeRequest;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.DisconnectReason;
import io.socketeer.socketio.Handshake;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.internal.parser.BinaryReassembler;
import io.socketeer.socketio.internal.parser.Packet;
import io.socketeer.socketio.internal.parser.PacketDecoder;
import io.socketeer.socketio.internal.parser.ParseException;
import io.socketeer.socketio.parser.DecodedPacket;
import io.socketeer.socketio.parser.MalformedPacketException;
import io.socketeer.socketio.parser.SocketIoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Engine.IO connection seen from Socket.IO: decodes its packets (reassembling binary attachments),
 * connects it to namespaces and routes packets to its sockets. Decoding runs on the session's event loop.
 *
 * <p>Protocol v4 (Engine.IO v3, socket.io-client 2.x) differs: the client is connected to {@code /} without
 * asking, the socket id is the Engine.IO id ({@code /nsp#sid} elsewhere), a namespace's query string is its
 * auth, and the CONNECT reply carries no data.
 */
public final class Client {

    private static final Logger log = LoggerFactory.getLogger(Client.class);

    private final SocketIoCore core;
    private final EngineIoSession session;
    private final boolean legacy;
    private final PacketDecoder decoder;
    private BinaryReassembler reassembler; // made by the first binary packet: most connections send none
    /** The decoder of a parser other than the default, or {@code null}. */
    private final SocketIoParser.Decoder parserDecoder;
    // The sockets by namespace: null, the one socket (most connections join one namespace), or an immutable
    // map. Replaced on change (under this object's lock), read without it.
    private volatile Object sockets;
    /** Namespaces being joined (middlewares running): an immutable set, replaced under this client's lock. */
    private volatile Set<String> connecting = Set.of();
    private volatile boolean closed;
    /**
     * A CONNECT came for a namespace whose joining was under way: the connection is invalid (as the reference
     * judges it) and closes, but only once the pending CONNECT was answered; what the client sends meanwhile is
     * ignored.
     */
    private volatile boolean doomed;
    private volatile ScheduledFuture<?> connectTimer;

    Client(SocketIoCore core, EngineIoSession session) {
        this.core = core;
        this.session = session;
        this.legacy = session.protocolVersion() == 3;
        this.decoder = core.decoder(legacy);
        SocketIoParser parser = core.options().parser();
        this.parserDecoder = parser == null ? null : parser.newDecoder(core.options(), session);
    }

    /** @return the Engine.IO session */
    public EngineIoSession session() {
        return session;
    }

    boolean isOpen() {
        return !closed && session.isOpen();
    }

    void onOpen() {
        connectTimer = session.executor().schedule(this::onConnectTimeout,
                core.options().connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        if (legacy) {
            connect("/", null, null);
        }
    }

    private void onConnectTimeout() {
        if (sockets == null && !closed) {
            log.debug("connection {} joined no namespace in time", session.id());
            close(DisconnectReason.FORCED_SERVER_CLOSE);
        }
    }

    // ------------------------------------------------------------ incoming

    void onMessage(EngineIoMessage message) {
        if (closed || doomed) {
            return;
        }
        core.observer().messageReceived(message.size());
        if (parserDecoder != null) {
            onParserMessage(message);
            return;
        }
        try {
            if (message.isBinary()) {
                if (reassembler == null) {
                    throw new ParseException("binary data without a pending binary packet");
                }
                Packet p = reassembler.add(message.data());
                if (p != null) {
                    route(p);
                }
                return;
            }
            if (reassembler != null && reassembler.awaiting()) {
                throw new ParseException("text packet while binary attachments are awaited");
            }
            PacketDecoder.Decoded d = message.readText(decoder::decode);
            if (d.attachments() > 0) {
                if (reassembler == null) {
                    reassembler = new BinaryReassembler();
                }
                reassembler.start(d.packet(), d.attachments());
            } else {
                route(d.packet());
            }
        } catch (ParseException e) {
            log.debug("connection {}: invalid packet: {}", session.id(), e.getMessage());
            close(DisconnectReason.PARSE_ERROR);
        }
    }

    private void onParserMessage(EngineIoMessage message) {
        try {
            DecodedPacket d = parserDecoder.decode(message);
            if (d == null) {
                return;
            }
            if (d.type() == null || d.namespace() == null) {
                throw new ParseException("packet without type or namespace");
            }
            decoder.check(d.type(), d.id(), d.data());
            route(new Packet(d.type(), d.namespace(), null, d.id(), d.data()));
        } catch (MalformedPacketException | ParseException e) {
            log.debug("connection {}: invalid packet: {}", session.id(), e.getMessage());
            close(DisconnectReason.PARSE_ERROR);
        }
    }

    private void route(Packet p) {
        core.observer().packetReceived(p.type());
        String name = p.namespace();
        DefaultSocket socket = socketOf(name);
        if (p.type() == PacketType.CONNECT) {
            if (socket != null) {
                log.debug("connection {}: second CONNECT to {}", session.id(), name);
                close(DisconnectReason.FORCED_SERVER_CLOSE);
                return;
            }
            if (connecting.contains(name)) {
                log.debug("connection {}: second CONNECT to {} while the first is pending", session.id(), name);
                doomed = true;
                closeIfDoomed();
                return;
            }
            connect(name, legacy ? null : p.data(), p.query());
            return;
        }
        if (socket == null) {
            log.debug("connection {}: packet for unconnected namespace {}", session.id(), name);
            close(DisconnectReason.FORCED_SERVER_CLOSE);
            return;
        }
        socket.onPacket(p);
    }

    private void connect(String name, JsonNode authPayload, String query) {
        DefaultNamespace ns = core.namespaces().resolve(name);
        if (ns == null) {
            ObjectNode err = JsonNodeFactory.instance.objectNode().put("message", "Invalid namespace");
            write(core.encoder().encode(PacketType.CONNECT_ERROR, name, -1, err), false);
            return;
        }
        if (sockets().size() + connecting.size() >= core.options().maxNamespacesPerConnection()) {
            ObjectNode err = JsonNodeFactory.instance.objectNode().put("message", "Too many namespaces");
            write(core.encoder().encode(PacketType.CONNECT_ERROR, name, -1, err), false);
            ns.joinEnded();
            return;
        }
        addConnecting(name);
        ObjectNode auth = authPayload instanceof ObjectNode o ? o : null; // Handshake.auth() gives {} for none
        if (legacy && query != null) {
            auth = parseQuery(query);
        }
        ObjectNode handshakeAuth = auth;
        long issued = System.currentTimeMillis();
        ConnectionStateRecovery recovery = core.options().connectionStateRecovery();
        JsonNode pid = auth == null ? null : auth.get("pid");
        JsonNode offset = auth == null ? null : auth.get("offset");
        if (recovery != null && !legacy && pid != null && pid.isTextual() && offset != null && offset.isTextual()) {
            ns.adapter().restoreSession(pid.textValue(), offset.textValue()).whenComplete((restored, error) -> {
                if (error != null) {
                    log.debug("session restore failed", error);
                }
                if (restored != null && error == null) {
                    DefaultSocket socket = new DefaultSocket(ns, this, restored.sid(), restored.pid(), handshakeAuth,
                            issued, core.socketExecutor(session), restored);
                    ns.connect(socket, recovery.skipMiddlewares());
                } else {
                    connectFresh(ns, name, handshakeAuth, issued);
                }
            });
            return;
        }
        connectFresh(ns, name, auth, issued);
    }

    private void connectFresh(DefaultNamespace ns, String name, ObjectNode auth, long issued) {
        String id = legacy ? ("/".equals(name) ? session.id() : name + "#" + session.id()) : core.newSocketId();
        String pid = core.options().connectionStateRecovery() != null && !legacy ? core.newSocketId() : null;
        DefaultSocket socket = new DefaultSocket(ns, this, id, pid, auth, issued, core.socketExecutor(session), null);
        ns.connect(socket, false);
    }

    /** The query string of a v4 CONNECT's namespace, as the object the reference makes of it. */
    private static ObjectNode parseQuery(String query) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                k = URLDecoder.decode(k, StandardCharsets.UTF_8);
                v = URLDecoder.decode(v, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue; // malformed escape: skip the pair
            }
            if (!out.has(k)) {
                out.put(k, v);
            }
        }
        return out;
    }

    /**
     * Makes the handshake of a socket of this connection (when asked for: a socket keeps only its own part).
     *
     * @param auth the socket's CONNECT payload, or {@code null}
     * @param issued when the socket connected, in milliseconds since the epoch
     * @return the handshake
     */
    Handshake handshake(ObjectNode auth, long issued) {
        HandshakeRequest req = session.handshake();
        String address = req.remoteAddress() == null ? null
                : req.remoteAddress().getAddress() == null ? req.remoteAddress().getHostString()
                : req.remoteAddress().getAddress().getHostAddress();
        return new Handshake(req.headers(), req.query(), auth, address, null, issued, req.uri(), req.secure(),
                req.header("origin") != null);
    }

    // ------------------------------------------------------------ called by namespaces and sockets

    /**
     * Registers a socket that is about to be connected, before its CONNECT reply goes out, so that a close of
     * the connection from then on reaches it (queued on its executor, after its connection listeners).
     *
     * @param socket the socket
     * @return false if the connection closed meanwhile: the socket must not connect
     */
    boolean connected(DefaultSocket socket) {
        String name = socket.namespace().name();
        putSocket(name, socket);
        removeConnecting(name);
        if (closed) {
            // close() sets the flag before it collects the sockets: either it saw this one, or we see the flag
            removeSocket(name, socket);
            return false;
        }
        ScheduledFuture<?> t = connectTimer;
        if (t != null) {
            t.cancel(false);
            connectTimer = null; // a cancelled task kept here would stay on the heap for the connection's life
        }
        return true;
    }

    private synchronized void addConnecting(String name) {
        if (connecting.isEmpty()) {
            connecting = Set.of(name); // nearly always: one namespace at a time
            return;
        }
        Set<String> more = new HashSet<>(connecting);
        more.add(name);
        connecting = Set.copyOf(more);
    }

    private synchronized void removeConnecting(String name) {
        if (connecting.contains(name)) {
            if (connecting.size() == 1) {
                connecting = Set.of();
                return;
            }
            Set<String> fewer = new HashSet<>(connecting);
            fewer.remove(name);
            connecting = Set.copyOf(fewer);
        }
    }

    void sendConnect(DefaultSocket socket) {
        JsonNode data = null;
        if (!legacy) {
            ObjectNode reply = JsonNodeFactory.instance.objectNode().put("sid", socket.id());
            if (socket.pid() != null) {
                reply.put("pid", socket.pid());
            }
            data = reply;
        }
        write(core.encoder().encode(PacketType.CONNECT, socket.namespace().name(), -1, data), false);
        closeIfDoomed();
    }

    /** Closes a connection that sent a CONNECT twice once no namespace's joining is pending any more. */
    private void closeIfDoomed() {
        if (doomed && connecting.isEmpty()) {
            close(DisconnectReason.FORCED_SERVER_CLOSE);
        }
    }

    void connectRefused(DefaultSocket socket, String message, Object data) {
        String name = socket.namespace().name();
        removeConnecting(name);
        socket.cleanup();
        JsonNode payload;
        if (legacy) {
            payload = data != null ? Args.toNode(core.mapper(), data) : JsonNodeFactory.instance.textNode(message);
        } else {
            ObjectNode err = JsonNodeFactory.instance.objectNode().put("message", message);
            if (data != null) {
                err.set("data", Args.toNode(core.mapper(), data));
            }
            payload = err;
        }
        write(core.encoder().encode(PacketType.CONNECT_ERROR, name, -1, payload), false);
        closeIfDoomed();
    }

    /** A socket's listeners fell too far behind this client's events: the connection is closed. */
    void flooded() {
        close(DisconnectReason.FORCED_SERVER_CLOSE);
    }

    void connectAborted(String name) {
        removeConnecting(name);
        closeIfDoomed();
    }

    /**
     * Takes a socket off this connection.
     *
     * @param socket the socket
     * @return false if it was not on it (already leaving)
     */
    boolean removeSocket(DefaultSocket socket) {
        return removeSocket(socket.namespace().name(), socket);
    }

    private DefaultSocket socketOf(String name) {
        Object now = sockets;
        if (now instanceof DefaultSocket one) {
            return one.namespace().name().equals(name) ? one : null;
        }
        return now == null ? null : sockets(now).get(name);
    }

    private Map<String, DefaultSocket> sockets() {
        return sockets(sockets);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, DefaultSocket> sockets(Object value) {
        return value == null ? Map.of()
                : value instanceof DefaultSocket one ? Map.of(one.namespace().name(), one)
                : (Map<String, DefaultSocket>) value;
    }

    private synchronized void putSocket(String name, DefaultSocket socket) {
        Object now = sockets;
        if (now == null) {
            sockets = socket;
            return;
        }
        Map<String, DefaultSocket> next = new HashMap<>(sockets(now));
        next.put(name, socket);
        sockets = Map.copyOf(next);
    }

    private synchronized boolean removeSocket(String name, DefaultSocket socket) {
        Object now = sockets;
        if (now == socket) {
            sockets = null;
            return true;
        }
        Map<String, DefaultSocket> map = sockets(now);
        if (map.get(name) != socket) {
            return false;
        }
        Map<String, DefaultSocket> next = new HashMap<>(map);
        next.remove(name);
        sockets = next.size() == 1 ? next.values().iterator().next() : Map.copyOf(next);
        return true;
    }

    /**
     * Writes encoded packets to the connection.
     *
     * @param messages the messages of one packet
     * @param volatileFlag drop them unless they can go out at once
     */
    void write(List<EngineIoMessage> messages, boolean volatileFlag) {
        if (closed) {
            return;
        }
        core.observer().packetSent(messages);
        if (HandlerDispatcher.deferWrite(session.executor(), () -> send(messages, volatileFlag))) {
            return; // a listener's write, queued on the loop without waking it: the runner wakes it once
        }
        send(messages, volatileFlag);
    }

    private void send(List<EngineIoMessage> messages, boolean volatileFlag) {
        if (volatileFlag) {
            session.trySend(messages);
        } else if (messages.size() == 1) {
            session.send(messages.get(0));
        } else {
            session.send(messages);
        }
    }

    /** Disconnects every socket (each gets a DISCONNECT packet), then closes the connection. */
    void disconnectAll() {
        for (DefaultSocket s : sockets().values()) {
            s.disconnectByServer(false); // the packets are queued before the session closes
        }
        close(DisconnectReason.FORCED_SERVER_CLOSE);
    }

    /**
     * Closes the connection: every socket leaves with {@code reason}, then the Engine.IO session closes
     * (after delivering what is queued).
     *
     * @param reason the reason the sockets get
     */
    void close(DisconnectReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        closeSockets(reason);
        session.close();
    }

    void onEngineClose(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        closeSockets(switch (reason) {
            case TRANSPORT_CLOSE -> DisconnectReason.TRANSPORT_CLOSE;
            case TRANSPORT_ERROR -> DisconnectReason.TRANSPORT_ERROR;
            case PING_TIMEOUT -> DisconnectReason.PING_TIMEOUT;
            case PARSE_ERROR -> DisconnectReason.PARSE_ERROR;
            case FORCED_CLOSE -> DisconnectReason.FORCED_CLOSE;
            case SERVER_SHUTDOWN -> DisconnectReason.SERVER_SHUTTING_DOWN;
            case BUFFER_FULL -> DisconnectReason.BUFFER_FULL;
        });
    }

    private void closeSockets(DisconnectReason reason) {
        ScheduledFuture<?> t = connectTimer;
        if (t != null) {
            t.cancel(false);
        }
        for (DefaultSocket s : sockets().values()) {
            removeSocket(s.namespace().name(), s);
            s.executor().execute(() -> s.close(reason));
        }
    }
}
