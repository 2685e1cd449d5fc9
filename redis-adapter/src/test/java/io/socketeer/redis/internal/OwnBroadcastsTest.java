package io.socketeer.redis.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interleavings of a broadcast's {@code XADD} answer, its reading back from the stream, its timeout and a
 * failure, each played out in order: every broadcast reaches this server's sockets exactly once, and a
 * sender's broadcasts in the order they were sent.
 */
class OwnBroadcastsTest {

    private final OwnBroadcasts own = new OwnBroadcasts();
    /** What reached the sockets without an offset. */
    private final List<String> early = new ArrayList<>();

    private OwnBroadcasts.Pending send(String text) {
        OwnBroadcasts.Pending p = new OwnBroadcasts.Pending(bytes(text), () -> early.add(text));
        own.add(p);
        return p;
    }

    private static byte[] bytes(String text) {
        return ("{\"packet\":{\"data\":[\"m\",\"" + text + "\"]}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEntryReadBackAfterItsAnswerIsDeliveredWithItsOffsetOnce() {
        OwnBroadcasts.Pending a = send("a");
        own.added(a, "1-0");
        assertTrue(own.readBack("1-0", bytes("a")));
        assertEquals(0, own.size());
        assertEquals(0, own.overdue(a), "a timeout after reading back delivers nothing");
        assertTrue(early.isEmpty());
    }

    @Test
    void anEntryReadBackBeforeItsAnswerIsMatchedByItsData() {
        OwnBroadcasts.Pending a = send("a");
        send("b");
        assertTrue(own.readBack("1-0", bytes("a")));
        own.added(a, "1-0"); // the command connection answers after the reader's
        assertTrue(own.readBack("2-0", bytes("b")));
        assertEquals(0, own.size());
    }

    @Test
    void twoBroadcastsWithTheSameDataAreMatchedInTheOrderSent() {
        OwnBroadcasts.Pending first = send("same");
        OwnBroadcasts.Pending second = send("same");
        assertTrue(own.readBack("1-0", bytes("same")));
        assertEquals(1, own.overdue(second), "the second is still on its way");
        assertEquals(0, own.overdue(first));
        assertFalse(own.readBack("2-0", bytes("same")), "delivered early, not again");
        assertEquals(List.of("same"), early);
    }

    @Test
    void aTimeoutDeliversEveryEarlierWaitingBroadcastFirstAndNoneOfThemTwice() {
        // answered but not read back yet (the reader lags), then one whose answer is late
        OwnBroadcasts.Pending a = send("a");
        OwnBroadcasts.Pending b = send("b");
        OwnBroadcasts.Pending c = send("c");
        OwnBroadcasts.Pending d = send("d");
        own.added(a, "1-0");
        own.added(b, "2-0");
        assertEquals(3, own.overdue(c));
        assertEquals(List.of("a", "b", "c"), early, "in the order sent");
        own.added(c, "3-0");
        own.added(d, "4-0");
        assertFalse(own.readBack("1-0", bytes("a")));
        assertFalse(own.readBack("2-0", bytes("b")));
        assertFalse(own.readBack("3-0", bytes("c")));
        assertTrue(own.readBack("4-0", bytes("d")), "the one after the late answer keeps its offset");
        assertEquals(List.of("a", "b", "c"), early);
        assertEquals(0, own.size());
    }

    @Test
    void aFailedAddIsDeliveredHereOnceAndAnEntryThatAppearsAfterAllIsSkipped() {
        OwnBroadcasts.Pending a = send("a");
        assertTrue(own.failed(a));
        assertFalse(own.failed(a));
        assertEquals(0, own.overdue(a));
        assertFalse(own.readBack("1-0", bytes("a")), "added after all (a retried command): not twice");
        assertEquals(List.of("a"), early);
    }

    @Test
    void aFailureAfterATimeoutDoesNotDeliverAgain() {
        OwnBroadcasts.Pending a = send("a");
        assertEquals(1, own.overdue(a));
        assertFalse(own.failed(a));
        assertEquals(List.of("a"), early);
        assertEquals(0, own.size());
    }

    @Test
    void aBroadcastTrimmedBeforeItWasReadBackIsDeliveredWhenALaterOneIs() {
        OwnBroadcasts.Pending a = send("a");
        OwnBroadcasts.Pending b = send("b");
        own.added(a, "1-0");
        own.added(b, "2-0");
        assertTrue(own.readBack("2-0", bytes("b")));
        assertEquals(List.of("a"), early, "not lost here, though the reader never saw it");
        assertEquals(0, own.size());
    }
}
