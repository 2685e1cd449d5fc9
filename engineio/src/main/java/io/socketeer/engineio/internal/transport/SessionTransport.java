package io.socketeer.engineio.internal.transport;

import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.Transport;

import java.util.List;

/**
 * The session's view of its current transport. Called on the session's event loop only.
 */
public interface SessionTransport {

    /** @return which transport this is */
    Transport name();

    /** @return whether {@link #write} can deliver now (a long-poll is held, or the socket is open) */
    boolean writable();

    /**
     * Delivers packets; only called when {@link #writable()}.
     *
     * @param packets the packets, in order
     */
    void write(List<EngineIoMessage> packets);

    /**
     * Closes the transport for good.
     *
     * @param byClient whether the client asked to close (a held long-poll then gets a noop, not a close)
     */
    void close(boolean byClient);
}
