package io.socketeer.socketio;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends to a selection of sockets: all of a namespace, some rooms, minus some rooms. Immutable: every
 * method that narrows or flags returns a new operator.
 *
 * <pre>{@code
 * io.to("room1").except("room2").emit("news", item);
 * io.to(socketId).emit("private", text);     // one socket: each socket is in the room named by its id
 * io.timeout(Duration.ofSeconds(5)).emitWithAck("ping").thenAccept(answers -> ...);
 * }</pre>
 *
 * <p>Every socket joins a room named by its id when it connects, as in the reference, so {@code to(id)}
 * reaches one socket, on this server or another of a cluster; {@code except(id)} leaves one out.
 *
 * <p>Timing: {@link #emit} encodes its arguments before it returns (once for all receivers), so they may be
 * changed afterwards without effect on what is sent.
 */
public interface BroadcastOperator {

    /**
     * Adds rooms to the target (a socket in any of them is reached once). A socket id names the room of that
     * one socket.
     *
     * @param rooms the rooms
     * @return a new operator
     */
    BroadcastOperator to(String... rooms);

    /**
     * Same as {@link #to}.
     *
     * @param rooms the rooms
     * @return a new operator
     */
    default BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /**
     * Leaves out the sockets of these rooms.
     *
     * @param rooms the rooms
     * @return a new operator
     */
    BroadcastOperator except(String... rooms);

    /**
     * Drops the event for sockets that cannot take it right away.
     *
     * @return a new operator
     */
    BroadcastOperator asVolatile();

    /**
     * Reaches the sockets of this server only, not the rest of a cluster.
     *
     * @return a new operator
     */
    BroadcastOperator local();

    /**
     * Asks for compression when the transport compresses.
     *
     * @param compress whether to compress
     * @return a new operator
     */
    BroadcastOperator compress(boolean compress);

    /**
     * Sets how long {@link #emitWithAck} waits for the answers.
     *
     * @param timeout the time limit
     * @return a new operator
     */
    BroadcastOperator timeout(Duration timeout);

    /**
     * Sends an event to the target. It is encoded once, whatever the number of receivers.
     *
     * @param event the name
     * @param args the arguments
     */
    void emit(String event, Object... args);

    /**
     * Sends an event and collects every receiver's acknowledgement. Needs {@link #timeout}: the future fails
     * with an {@link AckTimeoutException} (a {@link java.util.concurrent.TimeoutException}) if not all answered
     * in time; its {@link AckTimeoutException#answers()} hold those that did.
     *
     * <p>The future completes on the thread that handled the last answer (the answering socket's handler
     * executor) or, on timeout, on a timer thread of the JVM's common pool. Callbacks chained without
     * {@code ...Async} run on that thread: use {@code thenAcceptAsync(fn, socket.executor())} to run one in
     * order with a socket's listeners.
     *
     * @param event the name
     * @param args the arguments
     * @return the answers, in order of arrival
     */
    CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args);

    /** @return the sockets of the target */
    CompletableFuture<List<RemoteSocket>> fetchSockets();

    /**
     * Adds the sockets of the target to rooms.
     *
     * @param rooms the rooms
     */
    void socketsJoin(String... rooms);

    /**
     * Removes the sockets of the target from rooms.
     *
     * @param rooms the rooms
     */
    void socketsLeave(String... rooms);

    /**
     * Disconnects the sockets of the target.
     *
     * @param close whether to close their connections too
     */
    void disconnectSockets(boolean close);
}
