package io.socketeer.adminui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts events by second, type and sub-type between two server statistics, as the reference's event
 * buffer. Thread-safe.
 */
public final class EventBuffer {

    private record Key(long second, String type, String subType) {
    }

    private final Map<Key, long[]> counts = new LinkedHashMap<>();

    /**
     * Counts an event.
     *
     * @param nowMillis the time, in milliseconds since the epoch
     * @param type the type
     * @param subType the sub-type, or {@code null}
     */
    public synchronized void push(long nowMillis, String type, String subType) {
        Objects.requireNonNull(type, "type");
        counts.computeIfAbsent(new Key(nowMillis - Math.floorMod(nowMillis, 1000L), type, subType),
                k -> new long[1])[0]++;
    }

    /** @return the counts since the last call, oldest first; the buffer is empty afterwards */
    public synchronized List<AggregatedEvent> drain() {
        List<AggregatedEvent> events = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> events.add(new AggregatedEvent(k.second(), k.type(), k.subType(), n[0])));
        counts.clear();
        return events;
    }
}
