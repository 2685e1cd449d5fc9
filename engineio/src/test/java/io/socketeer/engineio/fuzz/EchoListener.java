package io.socketeer.engineio.fuzz;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoSession;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sends every message back, so the fuzzed inputs drive the write path too, and counts opens and closes
 * without keeping anything (a fuzzing session runs millions of inputs).
 */
final class EchoListener implements EngineIoListener {

    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    @Override
    public void onOpen(EngineIoSession session) {
        opened.incrementAndGet();
    }

    @Override
    public void onMessage(EngineIoSession session, EngineIoMessage message) {
        session.send(message);
    }

    @Override
    public void onClose(EngineIoSession session, CloseReason reason, String description) {
        closed.incrementAndGet();
    }

    /** Fails unless every session opened so far was closed exactly once. */
    void assertEveryOpenSessionClosedOnce() {
        assertEquals(opened.get(), closed.get(), "sessions opened vs closed");
    }
}
