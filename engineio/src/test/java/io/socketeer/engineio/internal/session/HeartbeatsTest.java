package io.socketeer.engineio.internal.session;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.HandshakeRequest;
import io.socketeer.engineio.Transport;
import io.socketeer.engineio.internal.protocol.Packets;
import io.socketeer.engineio.internal.transport.SessionTransport;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heartbeat queues of one loop with many sessions on it: each session is pinged one interval after it
 * started or answered, times out one timeout after its ping, and a closed session leaves its queue wherever
 * it stood (head, middle or tail) without disturbing the others. The loop's clock is frozen and moved by
 * the test.
 */
class HeartbeatsTest {

    private static final long INTERVAL = Duration.ofSeconds(25).toNanos();
    private static final long TIMEOUT = Duration.ofSeconds(20).toNanos();

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final EventLoop loop = channel.eventLoop();
    private final Heartbeats heartbeats = new Heartbeats(loop, INTERVAL, TIMEOUT);
    private final RecordingListener listener = RecordingListener.recording();

    HeartbeatsTest() {
        channel.freezeTime();
    }

    /** A transport that keeps what it is given. */
    private static final class Recorded implements SessionTransport {
        final List<EngineIoMessage> written = new ArrayList<>();

        @Override
        public Transport name() {
            return Transport.WEBSOCKET;
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void write(List<EngineIoMessage> packets) {
            written.addAll(packets);
        }

        @Override
        public void close(boolean byClient) {
        }

        int pings() {
            return (int) written.stream().filter(m -> m == Packets.PING).count();
        }
    }

    private EngineSession start(String id, Recorded transport) {
        HandshakeRequest req = new HandshakeRequest("GET", "/engine.io/?EIO=4&transport=websocket", Map.of(),
                Map.of(), null, null, false, 4, Transport.WEBSOCKET, 0);
        EngineSession s = new EngineSession(id, 4, loop, req, EngineIoOptions.defaults(), listener, transport,
                x -> { }, heartbeats);
        s.start();
        return s;
    }

    private void advance(long nanos) {
        channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    private static void pong(EngineSession s) {
        s.onPacket(Packets.PONG);
    }

    @Test
    void sessionsStartedAtDifferentTimesArePingedEachOneIntervalAfterItsStart() {
        Recorded a = new Recorded();
        Recorded b = new Recorded();
        Recorded c = new Recorded();
        start("a", a);
        advance(Duration.ofSeconds(5).toNanos());
        start("b", b);
        advance(Duration.ofSeconds(5).toNanos());
        start("c", c);
        advance(INTERVAL - Duration.ofSeconds(10).toNanos() - 1);
        assertEquals(List.of(0, 0, 0), List.of(a.pings(), b.pings(), c.pings()));
        advance(1);
        assertEquals(List.of(1, 0, 0), List.of(a.pings(), b.pings(), c.pings()), "a at 25 s");
        advance(Duration.ofSeconds(5).toNanos());
        assertEquals(List.of(1, 1, 0), List.of(a.pings(), b.pings(), c.pings()), "b at 30 s");
        advance(Duration.ofSeconds(5).toNanos());
        assertEquals(List.of(1, 1, 1), List.of(a.pings(), b.pings(), c.pings()), "c at 35 s");
    }

    @Test
    void aPongPutsTheSessionBackAtTheEndOfThePingQueueAndASilentOneTimesOut() {
        Recorded a = new Recorded();
        Recorded b = new Recorded();
        EngineSession sa = start("a", a);
        EngineSession sb = start("b", b);
        advance(INTERVAL);
        assertEquals(1, a.pings());
        assertEquals(1, b.pings());
        advance(Duration.ofSeconds(3).toNanos());
        pong(sa); // a answers 3 s after its ping: its next ping comes 25 s later
        advance(TIMEOUT - Duration.ofSeconds(3).toNanos() - 1);
        assertTrue(sb.isOpen(), "b still has a nanosecond");
        advance(1);
        assertFalse(sb.isOpen(), "b never answered");
        assertEquals(CloseReason.PING_TIMEOUT, listener.closeReason());
        assertTrue(sa.isOpen());
        advance(INTERVAL - TIMEOUT + Duration.ofSeconds(3).toNanos() - 1);
        assertEquals(1, a.pings());
        advance(1);
        assertEquals(2, a.pings());
    }

    @Test
    void aClosedSessionLeavesItsQueueFromAnyPlaceAndTheOthersKeepTheirTimes() {
        List<Recorded> transports = new ArrayList<>();
        List<EngineSession> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Recorded t = new Recorded();
            transports.add(t);
            sessions.add(start("s" + i, t));
            advance(Duration.ofSeconds(1).toNanos());
        }
        sessions.get(0).close(); // the head
        sessions.get(2).close(); // the middle
        sessions.get(4).close(); // the tail
        channel.runPendingTasks();
        advance(INTERVAL - Duration.ofSeconds(5).toNanos() + Duration.ofSeconds(1).toNanos());
        assertEquals(List.of(0, 1, 0, 0, 0), transports.stream().map(Recorded::pings).toList(), "s1 at 26 s");
        advance(Duration.ofSeconds(2).toNanos());
        assertEquals(List.of(0, 1, 0, 1, 0), transports.stream().map(Recorded::pings).toList(), "s3 at 28 s");
        assertTrue(sessions.get(1).isOpen());
        assertTrue(sessions.get(3).isOpen());
    }
}
