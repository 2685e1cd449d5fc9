package io.socketeer.adminui.internal;

import io.socketeer.adminui.internal.EventBuffer.Traffic;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.Transport;
import io.socketeer.socketio.SocketIoObserver;

import java.time.Clock;
import java.util.List;

/**
 * Counts what the dashboard draws, at the Engine.IO level as the reference does: connections opened
 * ({@code rawConnection}) and closed ({@code rawDisconnection}, with the engine's reason), and the messages
 * and their bytes each way ({@code packetsIn}, {@code bytesIn}, {@code packetsOut}, {@code bytesOut};
 * empty messages are not counted, as there). Stops counting once stopped: an observer stays with its server.
 */
public final class EngineCounter implements SocketIoObserver {

    private final EventBuffer events;
    private final Clock clock;
    private volatile boolean stopped;

    /**
     * Creates the counter.
     *
     * @param events where to count
     * @param clock the clock of the timestamps
     */
    public EngineCounter(EventBuffer events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Counts nothing from now on. */
    public void stop() {
        stopped = true;
    }

    @Override
    public void connectionOpened(Transport transport) {
        if (!stopped) {
            events.push(clock.millis(), "rawConnection", null);
        }
    }

    @Override
    public void connectionClosed(Transport transport, CloseReason reason) {
        if (!stopped) {
            events.push(clock.millis(), "rawDisconnection", reason.reason());
        }
    }

    @Override
    public void messageReceived(int bytes) {
        if (!stopped && bytes > 0) {
            events.traffic(clock.millis(), Traffic.PACKETS_IN, 1, Traffic.BYTES_IN, bytes);
        }
    }

    @Override
    public void packetSent(List<EngineIoMessage> messages) {
        if (stopped) {
            return;
        }
        long count = 0;
        long bytes = 0;
        for (int i = 0; i < messages.size(); i++) {
            int size = messages.get(i).size();
            if (size > 0) {
                count++;
                bytes += size;
            }
        }
        if (count > 0) {
            events.traffic(clock.millis(), Traffic.PACKETS_OUT, count, Traffic.BYTES_OUT, bytes);
        }
    }
}
