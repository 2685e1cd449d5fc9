package io.socketeer.engineio;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One Engine.IO connection with a client, over whichever transport it currently uses.
 *
 * <p>Threading: a session lives on one Netty event loop ({@link #executor()}); its listener callbacks run
 * there. Every method may be called from any thread; sends from one thread reach the client in the order
 * they were made.
 */
public interface EngineIoSession {

    /**
     * Returns the session id ({@code sid}), random and unguessable.
     *
     * @return the id
     */
    String id();

    /**
     * Returns the protocol version the client speaks.
     *
     * @return 3 or 4
     */
    int protocolVersion();

    /**
     * Returns the transport currently in use; it changes once, from polling to WebSocket, on upgrade.
     *
     * @return the transport
     */
    Transport transport();

    /**
     * Returns the request that opened the session.
     *
     * @return the handshake request
     */
    HandshakeRequest handshake();

    /**
     * Tells whether the session is still open.
     *
     * @return {@code false} once closed or closing
     */
    boolean isOpen();

    /**
     * Sends a text message.
     *
     * @param text the text
     */
    default void send(String text) {
        send(EngineIoMessage.text(text));
    }

    /**
     * Sends a binary message (the bytes are copied).
     *
     * @param data the bytes
     */
    default void send(byte[] data) {
        send(EngineIoMessage.binary(data));
    }

    /**
     * Sends a message; a message may be sent to many sessions.
     *
     * @param message the message
     */
    void send(EngineIoMessage message);

    /**
     * Sends messages back to back, with nothing from this session between them.
     *
     * @param messages the messages, in order
     */
    void send(List<EngineIoMessage> messages);

    /**
     * Sends messages back to back only if the transport can deliver them at once (a long-poll is waiting,
     * or the WebSocket is writable and nothing is queued before them); otherwise drops them. For data that
     * may be lost, such as Socket.IO's volatile events.
     *
     * @param messages the messages, in order
     */
    void trySend(List<EngineIoMessage> messages);

    /**
     * Closes the session after the messages already sent are delivered. The listener learns of it with
     * {@link CloseReason#FORCED_CLOSE}.
     */
    void close();

    /**
     * Returns the event loop this session lives on; tasks run there are serialized with the session's own
     * work.
     *
     * @return the executor
     */
    ScheduledExecutorService executor();

    /**
     * Returns the object the application attached to this session.
     *
     * @param <T> its type
     * @return the attachment, or {@code null}
     */
    <T> T attachment();

    /**
     * Attaches an object to this session, e.g. the application's per-connection state.
     *
     * @param attachment the object
     */
    void attach(Object attachment);
}
