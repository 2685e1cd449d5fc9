package io.socketeer.socketio.internal;

import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.EventMiddleware;
import io.socketeer.socketio.internal.parser.Packet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One incoming event going through its socket's event middlewares ({@code socket.use}): each {@code proceed}
 * runs the next middleware, the last one's hands the event to the listeners; a {@code fail}, or a middleware
 * that throws, hands the error to the socket's error listeners instead. A middleware may answer later, from
 * any thread: the chain then goes on on the socket's executor. Nothing goes on once the socket is disconnected.
 */
final class EventMiddlewareRun {

    private static final Logger log = LoggerFactory.getLogger(EventMiddlewareRun.class);

    private final DefaultSocket socket;
    private final EventMiddleware[] chain;
    private final String event;
    private final EventArgs args;
    private final Packet packet;

    /**
     * Prepares the run; {@link #next(int) next(0)} starts it.
     *
     * @param socket the socket the event came to
     * @param chain its middlewares, in the order they were added
     * @param event the event's name
     * @param args its arguments
     * @param packet the packet it came in, for its ack id
     */
    EventMiddlewareRun(DefaultSocket socket, EventMiddleware[] chain, String event, EventArgs args, Packet packet) {
        this.socket = socket;
        this.chain = chain;
        this.event = event;
        this.args = args;
        this.packet = packet;
    }

    /**
     * Runs the middleware at {@code index}, or the listeners after the last one; on the socket's executor.
     *
     * @param index the middleware's position in the chain
     */
    void next(int index) {
        if (!socket.connected()) {
            return;
        }
        if (index == chain.length) {
            socket.deliver(event, args, packet);
            return;
        }
        AtomicBoolean called = new AtomicBoolean();
        AtomicBoolean returned = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        EventMiddleware.Next next = new EventMiddleware.Next() {
            @Override
            public void proceed() {
                if (called.compareAndSet(false, true)) {
                    goOn(() -> next(index + 1));
                }
            }

            @Override
            public void fail(Throwable error) {
                if (called.compareAndSet(false, true)) {
                    Throwable why = error != null ? error
                            : new IllegalStateException("event \"" + event + "\" refused by a middleware");
                    goOn(() -> socket.failed(event, why));
                }
            }

            /** At once when the middleware answers before it returns; else on the socket's executor. */
            private void goOn(Runnable task) {
                if (Thread.currentThread() == caller && !returned.get()) {
                    task.run();
                } else {
                    socket.executor().execute(task);
                }
            }
        };
        try {
            chain[index].handle(event, args, next);
        } catch (RuntimeException e) {
            log.warn("event middleware failed on {}", event, e);
            next.fail(e);
        } finally {
            returned.set(true);
        }
    }
}
