package io.socketeer.socketio.internal;

import io.socketeer.socketio.EventArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acknowledgements a socket waits for: each taken once, its timer stopped; all given up when it goes. */
class PendingAcksTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final PendingAcks acks = new PendingAcks();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void anAnswerTakesItsAckOnceAndStopsItsTimer() {
        ScheduledFuture<?> timer = timers.schedule(() -> { }, 1, TimeUnit.HOURS);
        PendingAcks.Pending p = new PendingAcks.Pending(null, new CompletableFuture<>(), timer, 0);
        acks.put(7, p);
        assertEquals(1, acks.size());

        assertSame(p, acks.take(7));
        assertTrue(timer.isCancelled());
        assertEquals(0, acks.size());
        assertNull(acks.take(7), "a second answer with the same id finds nothing");
    }

    @Test
    void anUnknownIdFindsNothingEvenBeforeAnyAckWasAskedFor() {
        assertEquals(0, acks.size());
        assertNull(acks.take(1));
        acks.cancelAll("gone"); // nothing to give up: no map was ever made
        assertEquals(0, acks.size());
    }

    @Test
    void givingUpFailsTheFuturesAndLeavesTheCallbacksUncalled() {
        CompletableFuture<EventArgs> emitted = new CompletableFuture<>();
        ScheduledFuture<?> timer = timers.schedule(() -> { }, 1, TimeUnit.HOURS);
        boolean[] called = {false};
        acks.put(1, new PendingAcks.Pending(null, emitted, timer, 0));
        acks.put(2, new PendingAcks.Pending(args -> called[0] = true, null, null, 0));

        acks.cancelAll("socket disconnected: transport close");

        assertTrue(emitted.isCompletedExceptionally());
        CancellationException e = assertThrows(CancellationException.class, emitted::join);
        assertEquals("socket disconnected: transport close", e.getMessage());
        assertTrue(timer.isCancelled());
        assertFalse(called[0]);
        assertEquals(0, acks.size());
        assertNull(acks.take(2));
    }
}
