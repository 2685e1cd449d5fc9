package io.socketeer.socketio;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Emits events to one socket, with the flags chosen so far. Obtained from {@link Socket} or its flag
 * methods; each flag method returns a new emitter and leaves this one unchanged.
 */
public interface SocketEmitter {

    /**
     * Sends an event. Arguments may be anything Jackson can write; {@code byte[]} and {@code ByteBuffer}
     * (anywhere, also inside objects) travel as binary attachments. They are serialised and encoded before
     * this method returns, so changing an argument afterwards (a list, a map, a buffer) has no effect on what
     * the client gets.
     *
     * @param event the event name
     * @param args the arguments
     */
    void emit(String event, Object... args);

    /**
     * Sends an event and waits for the client's acknowledgement. Without {@link #timeout} the future
     * completes only with the acknowledgement or the socket's disconnection. Arguments are serialised before
     * this method returns, as for {@link #emit}.
     *
     * <p>The future completes on the socket's {@linkplain Socket#executor() handler executor}, in order with
     * its listeners, never on an I/O thread (unless listeners were put there); callbacks chained with
     * {@code thenAccept} and the like (without {@code Async}) run there too, one at a time with the socket's
     * listeners, so they may block only as a listener may.
     *
     * @param event the event name
     * @param args the arguments
     * @return the acknowledgement's arguments; fails with {@link AckTimeoutException} (a
     *         {@link java.util.concurrent.TimeoutException}) after the timeout, or
     *         {@link java.util.concurrent.CancellationException} if the socket disconnects
     */
    CompletableFuture<EventArgs> emitWithAck(String event, Object... args);

    /**
     * Fails acknowledgements that do not arrive within this time.
     *
     * @param timeout the time limit
     * @return an emitter with the flag
     */
    SocketEmitter timeout(Duration timeout);

    /**
     * Drops events the transport cannot deliver right away (the reference's {@code volatile}).
     *
     * @return an emitter with the flag
     */
    SocketEmitter asVolatile();

    /**
     * Asks for compression of the events, when the transport compresses.
     *
     * @param compress whether to compress
     * @return an emitter with the flag
     */
    SocketEmitter compress(boolean compress);
}
