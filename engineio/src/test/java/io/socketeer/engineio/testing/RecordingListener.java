package io.socketeer.engineio.testing;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoSession;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A listener that writes down what the server tells it and, if asked to, sends every message back to the
 * session it came from (the behaviour the conformance suites expect of an echo server).
 */
public final class RecordingListener implements EngineIoListener {

    /** One {@code onClose} call. */
    public record Close(EngineIoSession session, CloseReason reason, String description) {
    }

    private final boolean echo;
    private final List<EngineIoSession> opened = Collections.synchronizedList(new ArrayList<>());
    private final List<EngineIoMessage> messages = Collections.synchronizedList(new ArrayList<>());
    private final List<EngineIoSession> upgraded = Collections.synchronizedList(new ArrayList<>());
    private final List<Close> closes = Collections.synchronizedList(new ArrayList<>());

    private RecordingListener(boolean echo) {
        this.echo = echo;
    }

    /** @return a listener that echoes every message */
    public static RecordingListener echoing() {
        return new RecordingListener(true);
    }

    /** @return a listener that only records */
    public static RecordingListener recording() {
        return new RecordingListener(false);
    }

    @Override
    public void onOpen(EngineIoSession session) {
        opened.add(session);
    }

    @Override
    public void onMessage(EngineIoSession session, EngineIoMessage message) {
        messages.add(message);
        if (echo) {
            session.send(message);
        }
    }

    @Override
    public void onUpgrade(EngineIoSession session) {
        upgraded.add(session);
    }

    @Override
    public void onClose(EngineIoSession session, CloseReason reason, String description) {
        closes.add(new Close(session, reason, description));
    }

    /** @return the sessions opened so far */
    public List<EngineIoSession> opened() {
        return List.copyOf(opened);
    }

    /** @return the only session opened, failing if there is not exactly one */
    public EngineIoSession session() {
        List<EngineIoSession> s = opened();
        assertEquals(1, s.size(), "sessions opened");
        return s.get(0);
    }

    /** @return the messages received so far, in order */
    public List<EngineIoMessage> messages() {
        return List.copyOf(messages);
    }

    /** @return the sessions that upgraded */
    public List<EngineIoSession> upgraded() {
        return List.copyOf(upgraded);
    }

    /** @return the closes so far */
    public List<Close> closes() {
        return List.copyOf(closes);
    }

    /** @return the reason of the only close, or {@code null} while nothing closed; fails on two closes */
    public CloseReason closeReason() {
        List<Close> c = closes();
        if (c.isEmpty()) {
            return null;
        }
        assertEquals(1, c.size(), "closes: " + c);
        return c.get(0).reason();
    }
}
