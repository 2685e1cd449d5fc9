package io.socketeer.engineio.internal.session;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.socketeer.engineio.internal.protocol.Packets;
import io.socketeer.engineio.internal.transport.WebSocketTransport;

import java.util.concurrent.TimeUnit;

/**
 * An upgrade of a polling session to a WebSocket, under way (conformance §4.8): the probing socket, the upgrade
 * timeout, and once the probe is answered, the check that releases a held poll every {@value #CHECK_MILLIS} ms
 * so that the client can pause polling and send {@code 5}. Made when a WebSocket asks to take a session over,
 * dropped when the upgrade completes or is abandoned; on the session's loop only.
 */
final class ProbeUpgrade {

    /** How often a held long-poll is released with a noop while an upgrade is probed (reference: 100 ms). */
    private static final long CHECK_MILLIS = 100;

    private final WebSocketTransport socket;
    private final ScheduledFuture<?> timeout;
    private ScheduledFuture<?> check;

    /**
     * Starts an upgrade.
     *
     * @param socket the WebSocket that asks to take the session over
     * @param loop the session's loop
     * @param timeoutNanos how long the client has to complete the upgrade
     * @param onTimeout run on the loop when that time is over
     */
    ProbeUpgrade(WebSocketTransport socket, EventLoop loop, long timeoutNanos, Runnable onTimeout) {
        this.socket = socket;
        this.timeout = loop.schedule(onTimeout, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** @return the probing WebSocket */
    WebSocketTransport socket() {
        return socket;
    }

    /** @return whether the client's {@code 2probe} was answered */
    boolean probed() {
        return check != null;
    }

    /**
     * Answers the client's {@code 2probe} with {@code 3probe}, and starts releasing a held poll.
     *
     * @param loop the session's loop
     * @param releasePoll answers a held poll, if there is one
     */
    void answerProbe(EventLoop loop, Runnable releasePoll) {
        socket.writeNow(Packets.PONG_PROBE);
        // Release the held poll soon so the client can pause polling and complete the upgrade; not at once, as
        // the reference does not either: a noop at the probe would reach the client as one packet more.
        check = loop.scheduleAtFixedRate(releasePoll, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the timers: the upgrade completed or was abandoned. */
    void stop() {
        timeout.cancel(false);
        if (check != null) {
            check.cancel(false);
        }
    }
}
