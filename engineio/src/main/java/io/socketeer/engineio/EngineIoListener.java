package io.socketeer.engineio;

/**
 * The one seam between the Engine.IO server and what runs on top of it: it learns of new sessions, their
 * messages and their end. Callbacks run on the session's event loop, in order, and must not block; hand
 * slow work to another executor.
 */
public interface EngineIoListener {

    /**
     * A session opened; the client has its handshake.
     *
     * @param session the session
     */
    void onOpen(EngineIoSession session);

    /**
     * A message arrived.
     *
     * @param session the session
     * @param message the message; immutable, may be kept
     */
    void onMessage(EngineIoSession session, EngineIoMessage message);

    /**
     * The session upgraded from polling to WebSocket.
     *
     * @param session the session
     */
    default void onUpgrade(EngineIoSession session) {
    }

    /**
     * The session closed; called once per session, after which it sends nothing more.
     *
     * @param session the session
     * @param reason why
     * @param description detail for logs, may be empty
     */
    void onClose(EngineIoSession session, CloseReason reason, String description);
}
