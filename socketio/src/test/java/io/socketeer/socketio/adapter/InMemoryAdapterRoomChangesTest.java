package io.socketeer.socketio.adapter;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The in-memory adapter tells its namespace of every actual room change, and of nothing else: a room created
 * before its first member's join, deleted after its last member's leave, as the reference adapter's events.
 */
class InMemoryAdapterRoomChangesTest {

    private final RecordingNamespace nsp = new RecordingNamespace(null);
    private final InMemoryAdapter adapter = new InMemoryAdapter(nsp);

    @Test
    void reportsEachRoomJoinedOnceAndIgnoresRoomsTheSocketIsAlreadyIn() {
        adapter.addAll("s1", Set.of("s1"));
        adapter.addAll("s1", Set.of("s1", "blue"));
        adapter.addAll("s1", Set.of("blue"));

        assertEquals(List.of("create s1", "join s1 s1", "create blue", "join blue s1"), nsp.roomChanges());
    }

    @Test
    void reportsALeaveOnlyForARoomTheSocketWasIn() {
        adapter.addAll("s1", Set.of("blue"));
        adapter.del("s1", "red");
        adapter.del("s1", "blue");
        adapter.del("s1", "blue");
        adapter.del("unknown", "blue");

        assertEquals(List.of("create blue", "join blue s1", "leave blue s1", "delete blue"), nsp.roomChanges());
    }

    @Test
    void aRoomIsCreatedByItsFirstMemberAndDeletedWithItsLast() {
        adapter.addAll("s1", Set.of("blue"));
        adapter.addAll("s2", Set.of("blue"));
        adapter.del("s1", "blue");
        adapter.addAll("s1", Set.of("blue"));
        adapter.delAll("s2");
        adapter.delAll("s1");

        assertEquals(List.of("create blue", "join blue s1", "join blue s2", "leave blue s1", "join blue s1",
                "leave blue s2", "leave blue s1", "delete blue"), nsp.roomChanges());
    }

    @Test
    void reportsEveryRoomOfASocketRemovedFromAll() {
        adapter.addAll("s1", Set.of("s1"));
        adapter.addAll("s1", Set.of("blue"));
        nsp.roomChanges().clear();

        adapter.delAll("s1");
        adapter.delAll("s1");

        assertEquals(Set.of("leave s1 s1", "delete s1", "leave blue s1", "delete blue"),
                Set.copyOf(nsp.roomChanges()));
        assertEquals(4, nsp.roomChanges().size());
    }

    @Test
    void theNamespaceMayCallBackIntoTheAdapterFromTheNotification() {
        nsp.onRoomJoined((room, id) -> {
            // reads and changes membership from inside the notification: no lock is held any more
            assertEquals(Set.of("blue"), adapter.socketRooms(id));
            adapter.del(id, room);
        });
        adapter.addAll("s1", Set.of("blue"));

        assertEquals(List.of("create blue", "join blue s1", "leave blue s1", "delete blue"), nsp.roomChanges());
        assertEquals(Set.of(), adapter.socketRooms("s1"));
    }
}
