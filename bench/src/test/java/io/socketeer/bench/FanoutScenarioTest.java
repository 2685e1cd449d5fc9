package io.socketeer.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FanoutScenarioTest {

    @Test
    void theUsualWindowIsFourThousandDeliveriesAndAtLeastTwoBroadcasts() {
        assertEquals(40, FanoutScenario.window(100, 0));
        assertEquals(4, FanoutScenario.window(1000, 0));
        assertEquals(2, FanoutScenario.window(10_000, 0));
        assertEquals(2, FanoutScenario.window(19_000, 0));
    }

    @Test
    void aGivenNumberOfBroadcastsIsKeptWhateverTheRoomSize() {
        assertEquals(16, FanoutScenario.window(1000, 16));
        assertEquals(16, FanoutScenario.window(10_000, 16));
        assertEquals(1, FanoutScenario.window(100, 1));
    }

    @Test
    void theRowNamesTheBroadcastsInFlightOnlyWhenGiven() {
        assertEquals("1,000 receivers", FanoutScenario.row(1000, 0));
        assertEquals("1,000 receivers, 16 broadcasts in flight", FanoutScenario.row(1000, 16));
        assertEquals("10,000 receivers", FanoutScenario.row(10_000, 0));
    }
}
