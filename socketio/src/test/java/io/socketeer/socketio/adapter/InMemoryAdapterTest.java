package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socketeer.socketio.RemoteSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Rooms and broadcast targets of the in-memory adapter, seen through a namespace that records deliveries.
 */
class InMemoryAdapterTest {

    private final RecordingNamespace nsp = new RecordingNamespace(null);
    private final InMemoryAdapter adapter = new InMemoryAdapter(nsp);
    private ExecutorService pool;

    @AfterEach
    void stopPool() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "pool threads ended");
        }
    }

    /** Joins a socket to its own id room and the given ones, as a connecting socket does. */
    private void join(String id, String... rooms) {
        Set<String> all = new HashSet<>(List.of(rooms));
        all.add(id);
        adapter.addAll(id, all);
    }

    private static ArrayNode event(String name) {
        return JsonNodeFactory.instance.arrayNode().add(name);
    }

    private static OutgoingPacket packet(String name) {
        return new OutgoingPacket(PacketType.EVENT, "/test", event(name), -1);
    }

    private static BroadcastOptions to(Set<String> rooms, Set<String> except) {
        return new BroadcastOptions(rooms, except, false, false, true);
    }

    /** Broadcasts and returns the receivers the adapter handed to the namespace. */
    private Set<String> receivers(BroadcastOptions options) {
        adapter.broadcast(packet("e"), options);
        List<String> ids = nsp.lastDelivery().socketIds();
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "each socket at most once: " + ids);
        return unique;
    }

    // ------------------------------------------------------------ rooms

    @Test
    void aSocketInItsOwnRoomOnlyIsSeenAsInThatRoomFromEverySide() {
        join("s1");
        join("s2");
        assertEquals(Set.of("s1"), adapter.socketRooms("s1"));
        assertEquals(Map.of("s1", Set.of("s1"), "s2", Set.of("s2")), adapter.rooms());
        assertEquals(Set.of("s1"), adapter.sockets(Set.of("s1")));
        assertEquals(Set.of("s1"), receivers(to(Set.of("s1"), Set.of())));
        assertEquals(Set.of("s2"), receivers(to(Set.of(), Set.of("s1"))));
        assertEquals(Set.of("s1", "s2"), receivers(to(Set.of("s1", "s2"), Set.of())));
    }

    @Test
    void aSocketThatLeavesItsOwnRoomIsNoLongerReachedByItsIdAndCanComeBack() {
        join("s1", "a");
        adapter.del("s1", "s1");
        assertEquals(Set.of("a"), adapter.socketRooms("s1"));
        assertEquals(Set.of(), receivers(to(Set.of("s1"), Set.of())));
        adapter.addAll("s1", Set.of("s1"));
        adapter.del("s1", "a");
        assertEquals(Set.of("s1"), adapter.socketRooms("s1"));
        assertEquals(Set.of("s1"), receivers(to(Set.of("s1"), Set.of())));
        adapter.del("s1", "s1");
        assertEquals(Set.of(), adapter.socketRooms("s1"));
        assertEquals(Map.of(), adapter.rooms());
    }

    @Test
    void anotherSocketMayJoinTheRoomNamedBySomeSocketsId() {
        join("s1");
        join("s2");
        adapter.addAll("s2", Set.of("s1"));
        assertEquals(Set.of("s1", "s2"), adapter.sockets(Set.of("s1")));
        adapter.del("s1", "s1");
        assertEquals(Set.of("s2"), adapter.sockets(Set.of("s1")));
        adapter.delAll("s2");
        assertEquals(Set.of(), adapter.sockets(Set.of("s1")));
        assertEquals(Set.of(), adapter.socketRooms("s1"));
    }

    @Test
    void joiningRoomsIsVisibleFromBothSides() {
        join("s1", "a", "b");
        join("s2", "b");

        assertEquals(Set.of("s1", "a", "b"), adapter.socketRooms("s1"));
        assertEquals(Set.of("s2", "b"), adapter.socketRooms("s2"));
        assertEquals(Map.of("s1", Set.of("s1"), "s2", Set.of("s2"), "a", Set.of("s1"), "b", Set.of("s1", "s2")),
                adapter.rooms());
    }

    @Test
    void allRoomsOnASingleServerAreItsOwnRoomsIncludingTheSocketsOwn() {
        join("s1", "a", "b");
        join("s2", "b");

        assertEquals(Set.of("s1", "s2", "a", "b"), adapter.allRooms().join());
    }

    @Test
    void joiningTheSameRoomTwiceChangesNothing() {
        join("s1", "a");
        join("s1", "a");

        assertEquals(Set.of("s1", "a"), adapter.socketRooms("s1"));
        assertEquals(Set.of("s1"), adapter.rooms().get("a"));
    }

    @Test
    void leavingTheLastMemberMakesTheRoomDisappear() {
        join("s1", "a", "b");
        join("s2", "b");

        adapter.del("s1", "a");
        adapter.del("s1", "b");

        assertEquals(Set.of("s1"), adapter.socketRooms("s1"));
        assertFalse(adapter.rooms().containsKey("a"));
        assertEquals(Set.of("s2"), adapter.rooms().get("b"));
    }

    @Test
    void leavingARoomOneIsNotInChangesNothing() {
        join("s1", "a");

        adapter.del("s1", "zzz");
        adapter.del("unknown", "a");

        assertEquals(Set.of("s1", "a"), adapter.socketRooms("s1"));
        assertEquals(Set.of("s1"), adapter.rooms().get("a"));
        assertFalse(adapter.rooms().containsKey("zzz"));
    }

    @Test
    void delAllRemovesTheSocketFromEveryRoomAndDropsEmptyRooms() {
        join("s1", "a", "b");
        join("s2", "b");

        adapter.delAll("s1");

        assertEquals(Set.of(), adapter.socketRooms("s1"));
        assertEquals(Map.of("s2", Set.of("s2"), "b", Set.of("s2")), adapter.rooms());
        assertEquals(Set.of("s2"), adapter.sockets(Set.of()));
    }

    @Test
    void unknownSocketsHaveNoRooms() {
        assertEquals(Set.of(), adapter.socketRooms("nobody"));
        adapter.delAll("nobody");
        assertTrue(adapter.rooms().isEmpty());
    }

    @Test
    void snapshotsDoNotChangeAfterwards() {
        join("s1", "a");
        Set<String> rooms = adapter.socketRooms("s1");
        Map<String, Set<String>> all = adapter.rooms();
        Set<String> sockets = adapter.sockets(Set.of("a"));

        adapter.delAll("s1");

        assertEquals(Set.of("s1", "a"), rooms);
        assertEquals(Set.of("s1"), all.get("a"));
        assertEquals(Set.of("s1"), sockets);
    }

    @Test
    void socketsListsTheMembersOfAnyOfTheRoomsOrEverySocket() {
        join("s1", "a");
        join("s2", "a", "b");
        join("s3", "c");

        assertEquals(Set.of("s1", "s2", "s3"), adapter.sockets(Set.of()));
        assertEquals(Set.of("s1", "s2"), adapter.sockets(Set.of("a")));
        assertEquals(Set.of("s1", "s2", "s3"), adapter.sockets(Set.of("a", "c")));
        assertEquals(Set.of("s2"), adapter.sockets(Set.of("b", "nothing")));
        assertEquals(Set.of(), adapter.sockets(Set.of("nothing")));
    }

    // ------------------------------------------------------------ broadcast targets

    @Test
    void broadcastsToEverySocketWhenNoRoomIsNamed() {
        join("s1", "a");
        join("s2");

        assertEquals(Set.of("s1", "s2"), receivers(BroadcastOptions.ALL));
    }

    @Test
    void broadcastsToTheMembersOfOneRoom() {
        join("s1", "a");
        join("s2", "b");
        join("s3", "a", "b");

        assertEquals(Set.of("s1", "s3"), receivers(to(Set.of("a"), Set.of())));
    }

    @Test
    void broadcastsToSeveralRoomsReachingEachSocketOnce() {
        join("s1", "a");
        join("s2", "b");
        join("s3", "a", "b");
        join("s4", "c");

        assertEquals(Set.of("s1", "s2", "s3"), receivers(to(Set.of("a", "b"), Set.of())));
    }

    @Test
    void broadcastsToNobodyWhenTheRoomDoesNotExist() {
        join("s1", "a");

        assertEquals(Set.of(), receivers(to(Set.of("nothing"), Set.of())));
    }

    @Test
    void leavesOutTheMembersOfExceptedRooms() {
        join("s1", "a");
        join("s2", "a", "muted");
        join("s3", "muted");
        join("s4");

        assertEquals(Set.of("s1", "s4"), receivers(to(Set.of(), Set.of("muted"))));
        assertEquals(Set.of("s1"), receivers(to(Set.of("a"), Set.of("muted"))));
        assertEquals(Set.of("s1", "s2", "s3", "s4"), receivers(to(Set.of(), Set.of("nothing"))));
    }

    @Test
    void leavesOutTheSenderThroughItsOwnIdRoom() {
        join("sender", "chat");
        join("s2", "chat");
        join("s3");

        assertEquals(Set.of("s2", "s3"), receivers(to(Set.of(), Set.of("sender"))));
        assertEquals(Set.of("s2"), receivers(to(Set.of("chat"), Set.of("sender"))));
    }

    @Test
    void broadcastHandsThePacketAndOptionsToTheNamespaceUnchangedWithoutRecovery() {
        join("s1");
        OutgoingPacket p = packet("news");
        BroadcastOptions options = to(Set.of("s1"), Set.of());

        adapter.broadcast(p, options);

        RecordingNamespace.Delivery d = nsp.lastDelivery();
        assertSame(p, d.packet());
        assertEquals(event("news"), d.packet().data());
        assertSame(options, d.options());
        assertNull(d.acks());
    }

    // ------------------------------------------------------------ acks

    @Test
    void broadcastWithAckExpectsAsManyAnswersAsSocketsWereReached() {
        nsp.connect("s1");
        nsp.connect("s2");
        join("s1", "a");
        join("s2", "a");
        join("gone", "a"); // in the room but not connected here: the namespace does not count it
        List<Integer> expected = new ArrayList<>();
        AckCollector acks = new AckCollector() {
            @Override
            public void expect(int count) {
                assertEquals(1, nsp.deliveries().size(), "expect() comes after the delivery");
                expected.add(count);
            }

            @Override
            public void answer(ArrayNode args) {
            }
        };
        OutgoingPacket p = new OutgoingPacket(PacketType.EVENT, "/test", event("q"), 4);

        adapter.broadcastWithAck(p, to(Set.of("a"), Set.of()), acks);

        assertEquals(List.of(2), expected);
        RecordingNamespace.Delivery d = nsp.lastDelivery();
        assertSame(acks, d.acks());
        assertEquals(Set.of("s1", "s2", "gone"), Set.copyOf(d.socketIds()));
    }

    @Test
    void broadcastWithAckToNobodyExpectsZeroAnswers() {
        List<Integer> expected = new ArrayList<>();
        AckCollector acks = new AckCollector() {
            @Override
            public void expect(int count) {
                expected.add(count);
            }

            @Override
            public void answer(ArrayNode args) {
            }
        };

        adapter.broadcastWithAck(new OutgoingPacket(PacketType.EVENT, "/test", event("q"), 0),
                to(Set.of("empty"), Set.of()), acks);

        assertEquals(List.of(0), expected);
    }

    // ------------------------------------------------------------ remote socket operations

    @Test
    void fetchSocketsReturnsTheSelectedLocalSockets() throws Exception {
        RemoteSocket s1 = nsp.connect("s1");
        nsp.connect("s2");
        join("s1", "a");
        join("s2", "b");
        join("ghost", "a");

        List<RemoteSocket> found = adapter.fetchSockets(to(Set.of("a"), Set.of())).get(5, TimeUnit.SECONDS);

        assertEquals(List.of(s1), found);
    }

    @Test
    void addDelAndDisconnectSocketsActOnTheSelectedSocketsOnly() {
        RecordingNamespace.FakeSocket s1 = nsp.connect("s1");
        RecordingNamespace.FakeSocket s2 = nsp.connect("s2");
        join("s1", "a");
        join("s2", "b");

        adapter.addSockets(to(Set.of("a"), Set.of()), Set.of("x"));
        adapter.delSockets(to(Set.of(), Set.of("a")), Set.of("b"));
        adapter.disconnectSockets(to(Set.of("b"), Set.of()), true);

        assertEquals(List.of("x"), s1.joined);
        assertEquals(List.of(), s2.joined);
        assertEquals(List.of(), s1.left);
        assertEquals(List.of("b"), s2.left);
        assertEquals(List.of(), s1.disconnects);
        assertEquals(List.of(true), s2.disconnects);
    }

    // ------------------------------------------------------------ concurrency

    @Test
    void concurrentJoinsAndLeavesOfDifferentSocketsLeaveConsistentRooms() throws Exception {
        int threads = 8;
        int socketsPerThread = 20;
        int operations = 20_000;
        List<String> sharedRooms = List.of("r0", "r1", "r2", "r3", "r4");
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Map<String, Set<String>>>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                // Each thread owns its sockets, so it knows what their rooms must be at the end.
                Random random = new Random(thread);
                Map<String, Set<String>> model = new HashMap<>();
                start.await();
                for (int i = 0; i < operations; i++) {
                    String id = "t" + thread + "s" + random.nextInt(socketsPerThread);
                    String room = sharedRooms.get(random.nextInt(sharedRooms.size()));
                    switch (random.nextInt(5)) {
                        case 0, 1 -> {
                            adapter.addAll(id, Set.of(id, room));
                            model.computeIfAbsent(id, k -> new HashSet<>()).addAll(Set.of(id, room));
                        }
                        case 2, 3 -> {
                            adapter.del(id, room);
                            if (model.containsKey(id)) {
                                model.get(id).remove(room);
                            }
                        }
                        default -> {
                            adapter.delAll(id);
                            model.remove(id);
                        }
                    }
                }
                return model;
            });
        }
        List<Future<Map<String, Set<String>>>> futures = new ArrayList<>();
        for (Callable<Map<String, Set<String>>> task : tasks) {
            futures.add(pool.submit(task));
        }
        start.countDown();
        Map<String, Set<String>> expected = new HashMap<>();
        for (Future<Map<String, Set<String>>> f : futures) {
            expected.putAll(f.get(60, TimeUnit.SECONDS));
        }

        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            assertEquals(e.getValue(), adapter.socketRooms(e.getKey()), "rooms of " + e.getKey());
        }
        assertEquals(invert(expected), adapter.rooms());
        assertEquals(expected.keySet(), adapter.sockets(Set.of()));
        assertConsistent();
    }

    @Test
    void aJoinRacingALeaveOfTheSameSocketLeavesBothViewsInAgreement() throws Exception {
        int rounds = 100_000;
        pool = Executors.newFixedThreadPool(2);
        CyclicBarrier barrier = new CyclicBarrier(2);
        Future<?> joiner = pool.submit(() -> {
            for (int i = 0; i < rounds; i++) {
                barrier.await(30, TimeUnit.SECONDS);
                adapter.addAll("s" + i, Set.of("room"));
            }
            return null;
        });
        Future<?> remover = pool.submit(() -> {
            for (int i = 0; i < rounds; i++) {
                barrier.await(30, TimeUnit.SECONDS);
                if (i % 2 == 0) {
                    adapter.delAll("s" + i);
                } else {
                    adapter.del("s" + i, "room");
                }
            }
            return null;
        });
        joiner.get(60, TimeUnit.SECONDS);
        remover.get(60, TimeUnit.SECONDS);

        // Whichever call came last, a socket is in "room" exactly when "room" is among its rooms.
        assertConsistent();
    }

    /** Checks that the room → sockets view and the socket → rooms view describe the same membership. */
    private void assertConsistent() {
        Map<String, Set<String>> rooms = adapter.rooms();
        rooms.forEach((room, members) -> {
            assertFalse(members.isEmpty(), "empty room " + room + " was kept");
            for (String id : members) {
                if (!adapter.socketRooms(id).contains(room)) {
                    fail(id + " is a member of " + room + " but does not list it among its rooms");
                }
            }
        });
        for (String id : adapter.sockets(Set.of())) {
            for (String room : adapter.socketRooms(id)) {
                if (!rooms.getOrDefault(room, Set.of()).contains(id)) {
                    fail(id + " lists " + room + " but is not among its members");
                }
            }
        }
    }

    private static Map<String, Set<String>> invert(Map<String, Set<String>> socketRooms) {
        Map<String, Set<String>> rooms = new HashMap<>();
        socketRooms.forEach((id, joined) -> joined.forEach(r -> rooms.computeIfAbsent(r, k -> new HashSet<>()).add(id)));
        return rooms;
    }
}
