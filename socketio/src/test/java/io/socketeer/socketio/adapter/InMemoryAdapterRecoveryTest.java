package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection state recovery in the in-memory adapter: offsets on broadcast events, the packet log, and
 * sessions kept for a reconnecting client.
 */
class InMemoryAdapterRecoveryTest {

    private static final Set<String> NONE = Set.of();

    private final RecordingNamespace nsp = new RecordingNamespace(Duration.ofMinutes(2));
    private final InMemoryAdapter adapter = new InMemoryAdapter(nsp);

    private static ArrayNode event(String name, Object... args) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode().add(name);
        for (Object arg : args) {
            if (arg instanceof byte[] b) {
                a.add(BinaryNode.valueOf(b));
            } else {
                a.add(String.valueOf(arg));
            }
        }
        return a;
    }

    private static BroadcastOptions to(Set<String> rooms, Set<String> except) {
        return new BroadcastOptions(rooms, except, false, false, true);
    }

    /** Broadcasts an event without ack id and returns its data as delivered (with the offset, if any). */
    private ArrayNode broadcast(String name, BroadcastOptions options) {
        adapter.broadcast(new OutgoingPacket(PacketType.EVENT, "/test", event(name), -1), options);
        return nsp.lastDelivery().packet().data();
    }

    private static String offsetOf(ArrayNode delivered) {
        JsonNode last = delivered.get(delivered.size() - 1);
        assertTrue(last.isTextual(), "offset is a string: " + delivered);
        return last.textValue();
    }

    private static List<String> names(List<ArrayNode> packets) {
        List<String> names = new ArrayList<>();
        packets.forEach(p -> names.add(p.get(0).textValue()));
        return names;
    }

    private PersistedSession restore(String pid, String offset) throws Exception {
        return adapter.restoreSession(pid, offset).get(5, TimeUnit.SECONDS);
    }

    private void persist(String sid, String pid, String... rooms) {
        Set<String> all = new HashSet<>(List.of(rooms));
        all.add(sid);
        adapter.persistSession(new PersistedSession(sid, pid, all, Map.of("user", "ann"), List.of()));
    }

    // ------------------------------------------------------------ offsets

    @Test
    void appendsAnOffsetAsTheLastElementOfABroadcastEvent() {
        ArrayNode delivered = broadcast("hi", BroadcastOptions.ALL);

        assertEquals(2, delivered.size());
        assertEquals("hi", delivered.get(0).textValue());
        assertTrue(offsetOf(delivered).length() > 0);
    }

    @Test
    void appendsTheOffsetAfterBinaryArguments() {
        adapter.broadcast(new OutgoingPacket(PacketType.EVENT, "/test", event("doge", new byte[] {1}), -1),
                BroadcastOptions.ALL);

        ArrayNode delivered = nsp.lastDelivery().packet().data();
        assertEquals(3, delivered.size());
        assertTrue(delivered.get(1).isBinary());
        offsetOf(delivered);
    }

    @Test
    void givesEveryEventADifferentOffset() {
        Set<String> offsets = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            offsets.add(offsetOf(broadcast("e" + i, BroadcastOptions.ALL)));
        }

        assertEquals(100, offsets.size());
    }

    @Test
    void givesNoOffsetToVolatileEvents() {
        adapter.broadcast(new OutgoingPacket(PacketType.EVENT, "/test", event("v"), -1),
                new BroadcastOptions(NONE, NONE, true, false, true));

        assertEquals(event("v"), nsp.lastDelivery().packet().data());
    }

    @Test
    void givesNoOffsetToEventsThatAskForAnAck() {
        adapter.broadcast(new OutgoingPacket(PacketType.EVENT, "/test", event("q"), 3), BroadcastOptions.ALL);
        assertEquals(event("q"), nsp.lastDelivery().packet().data());

        adapter.broadcastWithAck(new OutgoingPacket(PacketType.EVENT, "/test", event("q"), 4), BroadcastOptions.ALL,
                new AckCollector() {
                    @Override
                    public void expect(int count) {
                    }

                    @Override
                    public void answer(ArrayNode args) {
                    }
                });
        assertEquals(event("q"), nsp.lastDelivery().packet().data());
    }

    @Test
    void givesNoOffsetWhenRecoveryIsOff() {
        nsp.recoveryWindow(null);

        assertEquals(event("plain"), broadcast("plain", BroadcastOptions.ALL));
    }

    // ------------------------------------------------------------ sessions

    @Test
    void restoresASessionWithTheEventsAfterTheOffsetThatWereAddressedToIt() throws Exception {
        String offset = offsetOf(broadcast("seen", BroadcastOptions.ALL));
        persist("sid1", "pid1", "a");
        ArrayNode toRoom = broadcast("to-a", to(Set.of("a"), NONE));
        broadcast("to-b", to(Set.of("b"), NONE));
        broadcast("all-but-a", to(NONE, Set.of("a")));
        broadcast("all-but-me", to(NONE, Set.of("sid1")));
        ArrayNode toAll = broadcast("to-all", BroadcastOptions.ALL);
        ArrayNode toMe = broadcast("to-me", to(Set.of("sid1"), NONE));
        ArrayNode exceptOther = broadcast("all-but-x", to(NONE, Set.of("x")));
        broadcast("a-but-me", to(Set.of("a"), Set.of("sid1")));
        adapter.broadcast(new OutgoingPacket(PacketType.EVENT, "/test", event("volatile"), -1),
                new BroadcastOptions(NONE, NONE, true, false, true));

        PersistedSession s = restore("pid1", offset);

        assertNotNull(s);
        assertEquals("sid1", s.sid());
        assertEquals("pid1", s.pid());
        assertEquals(Set.of("sid1", "a"), s.rooms());
        assertEquals(Map.of("user", "ann"), s.data());
        assertEquals(List.of("to-a", "to-all", "to-me", "all-but-x"), names(s.missedPackets()));
        assertEquals(List.of(toRoom, toAll, toMe, exceptOther), s.missedPackets(),
                "the packets as delivered, offsets included");
    }

    @Test
    void restoresOnlyTheEventsAfterTheGivenOffset() throws Exception {
        broadcast("first", BroadcastOptions.ALL);
        String offset = offsetOf(broadcast("second", BroadcastOptions.ALL));
        broadcast("third", BroadcastOptions.ALL);
        broadcast("fourth", BroadcastOptions.ALL);
        persist("sid1", "pid1");

        assertEquals(List.of("third", "fourth"), names(restore("pid1", offset).missedPackets()));
    }

    @Test
    void restoresWithNoMissedEventsWhenTheOffsetIsTheLatest() throws Exception {
        String offset = offsetOf(broadcast("last", BroadcastOptions.ALL));
        persist("sid1", "pid1");

        PersistedSession s = restore("pid1", offset);

        assertNotNull(s);
        assertEquals(List.of(), s.missedPackets());
    }

    @Test
    void restoringRemovesTheSession() throws Exception {
        String offset = offsetOf(broadcast("e", BroadcastOptions.ALL));
        persist("sid1", "pid1");

        assertNotNull(restore("pid1", offset));
        assertNull(restore("pid1", offset));
    }

    @Test
    void keepsEachSessionApartByItsPid() throws Exception {
        String offset = offsetOf(broadcast("e", BroadcastOptions.ALL));
        persist("sid1", "pid1", "a");
        persist("sid2", "pid2", "b");
        broadcast("to-b", to(Set.of("b"), NONE));

        PersistedSession second = restore("pid2", offset);
        PersistedSession first = restore("pid1", offset);

        assertEquals("sid2", second.sid());
        assertEquals(List.of("to-b"), names(second.missedPackets()));
        assertEquals("sid1", first.sid());
        assertEquals(List.of(), first.missedPackets());
    }

    @Test
    void returnsNullForAnUnknownPid() throws Exception {
        String offset = offsetOf(broadcast("e", BroadcastOptions.ALL));
        persist("sid1", "pid1");

        assertNull(restore("other", offset));
    }

    @Test
    void returnsNullForAnUnknownOffsetAndKeepsTheSession() throws Exception {
        String offset = offsetOf(broadcast("e", BroadcastOptions.ALL));
        persist("sid1", "pid1");

        assertNull(restore("pid1", "no-such-offset"));
        assertNull(restore("pid1", offset + "0"));
        assertNotNull(restore("pid1", offset), "as the reference does, a bad offset does not consume the session");
    }

    @Test
    void keepsNothingWhenRecoveryIsOff() throws Exception {
        String offset = offsetOf(broadcast("e", BroadcastOptions.ALL));
        nsp.recoveryWindow(null);
        persist("sid1", "pid1");

        assertNull(restore("pid1", offset));
    }

    @Test
    void forgetsSessionsOlderThanTheRecoveryWindow() throws Exception {
        persist("old", "pid-old");
        long persistedAt = System.currentTimeMillis();
        Await.until("the clock to move on", () -> System.currentTimeMillis() - persistedAt >= 600);
        persist("young", "pid-young");
        String offset = offsetOf(broadcast("fresh", BroadcastOptions.ALL));

        nsp.recoveryWindow(Duration.ofMillis(300));

        assertNull(restore("pid-old", offset), "older than the window");
        PersistedSession young = restore("pid-young", offset);
        assertNotNull(young, "younger than the window");
        assertEquals(List.of(), young.missedPackets());
    }

    @Test
    void forgetsEventsOlderThanTheRecoveryWindow() throws Exception {
        String oldOffset = offsetOf(broadcast("old", BroadcastOptions.ALL));
        long sentAt = System.currentTimeMillis();
        Await.until("the clock to move on", () -> System.currentTimeMillis() - sentAt >= 600);
        String newOffset = offsetOf(broadcast("new", BroadcastOptions.ALL));
        broadcast("newer", BroadcastOptions.ALL);
        persist("sid1", "pid1");

        nsp.recoveryWindow(Duration.ofMillis(300));

        assertNull(restore("pid1", oldOffset), "the old offset is gone from the log");
        assertEquals(List.of("newer"), names(restore("pid1", newOffset).missedPackets()));
    }
}
