package io.socketeer.socketio.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.RandomIds;
import io.socketeer.socketio.SocketIoObserver;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.adapter.SerialExecutor;
import io.socketeer.socketio.internal.parser.PacketDecoder;
import io.socketeer.socketio.internal.parser.PacketEncoder;
import io.socketeer.socketio.parser.SocketIoParser;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;

/**
 * What every part of a Socket.IO server shares: options, codec, namespaces, the handler executor. Also the
 * Engine.IO listener: one {@link Client} per Engine.IO session.
 */
public final class SocketIoCore implements EngineIoListener {

    private final SocketIoOptions options;
    private volatile SocketIoObserver observer;
    private final ObjectMapper mapper;
    private final SocketIoParser.Encoder encoder;
    private final PacketDecoder decoderV5;
    private final PacketDecoder decoderV4;
    private final NamespaceRegistry namespaces;
    private final Executor handlerExecutor;
    private final ExecutorService ownExecutor;
    /** Hands sockets' listener work to the handler executor; null when listeners run on the event loop. */
    private final HandlerDispatcher dispatcher;
    /** Socket ids: 120 bits each. */
    private final RandomIds ids = new RandomIds(15);

    /**
     * Creates the core.
     *
     * @param options the options
     */
    public SocketIoCore(SocketIoOptions options) {
        this.options = options;
        this.observer = options.observer();
        this.mapper = options.mapper();
        SocketIoParser parser = options.parser();
        this.encoder = parser == null ? new PacketEncoder(mapper) : parser.newEncoder(options);
        this.decoderV5 = new PacketDecoder(mapper, options.maxAttachments(), false);
        this.decoderV4 = new PacketDecoder(mapper, options.maxAttachments(), true);
        this.namespaces = new NamespaceRegistry(this);
        if (options.handlersOnEventLoop() || options.handlerExecutor() != null) {
            this.ownExecutor = null;
            this.handlerExecutor = options.handlerExecutor();
        } else {
            this.ownExecutor = HandlerThreads.newPool();
            this.handlerExecutor = ownExecutor;
        }
        this.dispatcher = options.handlersOnEventLoop() ? null : new HandlerDispatcher(handlerExecutor);
    }

    /**
     * Returns a new socket id: 120 random bits, 20 URL-safe characters, never the
     * Engine.IO id (which must stay secret).
     *
     * @return the id
     */
    public String newSocketId() {
        return ids.next();
    }

    /** @return the options */
    public SocketIoOptions options() {
        return options;
    }

    /** @return the observer, {@link SocketIoObserver#NONE} when there is none */
    public SocketIoObserver observer() {
        return observer;
    }

    /**
     * Adds an observer to the one of the options; both are called from then on.
     *
     * @param more the observer
     */
    public synchronized void addObserver(SocketIoObserver more) {
        SocketIoObserver current = observer;
        observer = current == SocketIoObserver.NONE ? more : new ObserverPair(current, more);
    }

    /** @return the mapper */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** @return the encoder of the configured parser */
    public SocketIoParser.Encoder encoder() {
        return encoder;
    }

    /**
     * Returns the decoder of a protocol version; decoders are stateless and shared.
     *
     * @param legacy whether the client speaks protocol v4 (socket.io-client 2.x)
     * @return the decoder
     */
    public PacketDecoder decoder(boolean legacy) {
        return legacy ? decoderV4 : decoderV5;
    }

    /** @return the namespaces */
    public NamespaceRegistry namespaces() {
        return namespaces;
    }

    /**
     * Returns the executor a new socket's listeners run on.
     *
     * @param session the socket's Engine.IO session
     * @return a serial executor, or the session's event loop when handlers run there
     */
    public Executor socketExecutor(EngineIoSession session) {
        if (dispatcher == null) {
            return session.executor();
        }
        return dispatcher.newSocket(session.executor());
    }

    /**
     * Returns a new serial executor on the handler pool, for listeners that belong to no socket.
     *
     * @return the executor; runs tasks on the caller's thread when handlers run on the event loop
     */
    public Executor newSerialExecutor() {
        return handlerExecutor == null ? Runnable::run : new SerialExecutor(handlerExecutor);
    }

    /** Stops the server's own handler pool. */
    public void shutdown() {
        namespaces.closeAdapters();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
    }

    @Override
    public void onOpen(EngineIoSession session) {
        observer.connectionOpened(session.transport());
        Client client = new Client(this, session);
        session.attach(client);
        client.onOpen();
    }

    @Override
    public void onMessage(EngineIoSession session, EngineIoMessage message) {
        Client client = session.attachment();
        if (client != null) {
            client.onMessage(message);
        }
    }

    @Override
    public void onUpgrade(EngineIoSession session) {
        observer.connectionUpgraded();
    }

    @Override
    public void onClose(EngineIoSession session, CloseReason reason, String description) {
        observer.connectionClosed(session.transport(), reason);
        Client client = session.attachment();
        if (client != null) {
            client.onEngineClose(reason);
        }
    }
}
