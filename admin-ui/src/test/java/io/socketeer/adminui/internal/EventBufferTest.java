package io.socketeer.adminui.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The counts of the dashboard: by second, type and sub-type, emptied by each drain.
 */
class EventBufferTest {

    @Test
    void countsEventsBySecondTypeAndSubTypeAndEmptiesOnDrain() {
        EventBuffer buffer = new EventBuffer();
        buffer.push(10_100, "rawConnection", null);
        buffer.push(10_900, "rawConnection", null);
        buffer.push(11_000, "rawConnection", null);
        buffer.push(10_500, "rawDisconnection", "transport close");
        buffer.push(10_600, "rawDisconnection", "ping timeout");
        buffer.push(10_700, "rawDisconnection", "transport close");

        assertEquals(List.of(
                new AggregatedEvent(10_000, "rawConnection", null, 2),
                new AggregatedEvent(11_000, "rawConnection", null, 1),
                new AggregatedEvent(10_000, "rawDisconnection", "transport close", 2),
                new AggregatedEvent(10_000, "rawDisconnection", "ping timeout", 1)), buffer.drain());
        assertEquals(List.of(), buffer.drain());
    }

    @Test
    void sumsTrafficBySecondBesideTheOtherEvents() {
        EventBuffer buffer = new EventBuffer();
        buffer.traffic(20_100, EventBuffer.Traffic.PACKETS_IN, 1, EventBuffer.Traffic.BYTES_IN, 30);
        buffer.traffic(20_200, EventBuffer.Traffic.PACKETS_OUT, 2, EventBuffer.Traffic.BYTES_OUT, 500);
        buffer.push(20_300, "rawConnection", null);
        buffer.traffic(20_900, EventBuffer.Traffic.PACKETS_IN, 1, EventBuffer.Traffic.BYTES_IN, 12);
        buffer.traffic(21_000, EventBuffer.Traffic.PACKETS_IN, 1, EventBuffer.Traffic.BYTES_IN, 7);

        assertEquals(List.of(
                new AggregatedEvent(20_000, "rawConnection", null, 1),
                new AggregatedEvent(20_000, "packetsIn", null, 2),
                new AggregatedEvent(20_000, "bytesIn", null, 42),
                new AggregatedEvent(20_000, "packetsOut", null, 2),
                new AggregatedEvent(20_000, "bytesOut", null, 500),
                new AggregatedEvent(21_000, "packetsIn", null, 1),
                new AggregatedEvent(21_000, "bytesIn", null, 7)), buffer.drain());
        assertEquals(List.of(), buffer.drain());
    }
}
