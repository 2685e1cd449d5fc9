package io.socketeer.adminui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts events by second, type and sub-type between two server statistics, as the reference's event
 * buffer. The traffic counts (packets and bytes each way), pushed for every message, are summed in place for
 * the current second and allocate nothing. Thread-safe.
 */
public final class EventBuffer {

    /** The traffic counts. */
    public enum Traffic {
        /** A message received. */
        PACKETS_IN,
        /** Bytes of a message received. */
        BYTES_IN,
        /** A message sent. */
        PACKETS_OUT,
        /** Bytes of a message sent. */
        BYTES_OUT
    }

    private static final String[] TRAFFIC = {"packetsIn", "bytesIn", "packetsOut", "bytesOut"};

    private record Key(long second, String type, String subType) {
    }

    private final Map<Key, long[]> counts = new LinkedHashMap<>();
    private long trafficSecond = Long.MIN_VALUE;
    private final long[] traffic = new long[TRAFFIC.length];

    /**
     * Counts an event.
     *
     * @param nowMillis the time, in milliseconds since the epoch
     * @param type the type
     * @param subType the sub-type, or {@code null}
     */
    public synchronized void push(long nowMillis, String type, String subType) {
        Objects.requireNonNull(type, "type");
        counts.computeIfAbsent(new Key(second(nowMillis), type, subType), k -> new long[1])[0]++;
    }

    /**
     * Counts traffic: a message each way adds one packet and its size in bytes.
     *
     * @param nowMillis the time, in milliseconds since the epoch
     * @param packets the packets counter
     * @param packetCount how many packets
     * @param bytes the bytes counter
     * @param byteCount how many bytes
     */
    public synchronized void traffic(long nowMillis, Traffic packets, long packetCount, Traffic bytes,
                                     long byteCount) {
        long second = second(nowMillis);
        if (second != trafficSecond) {
            moveTraffic();
            trafficSecond = second;
        }
        traffic[packets.ordinal()] += packetCount;
        traffic[bytes.ordinal()] += byteCount;
    }

    private void moveTraffic() {
        for (int i = 0; i < traffic.length; i++) {
            if (traffic[i] != 0) {
                counts.computeIfAbsent(new Key(trafficSecond, TRAFFIC[i], null), k -> new long[1])[0] += traffic[i];
                traffic[i] = 0;
            }
        }
    }

    private static long second(long millis) {
        return millis - Math.floorMod(millis, 1000L);
    }

    /** @return the counts since the last call, oldest first; the buffer is empty afterwards */
    public synchronized List<AggregatedEvent> drain() {
        moveTraffic();
        List<AggregatedEvent> events = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> events.add(new AggregatedEvent(k.second(), k.type(), k.subType(), n[0])));
        counts.clear();
        return events;
    }
}
