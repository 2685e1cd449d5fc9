package io.socketeer.socketio.adapter;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The in-memory adapter tells its namespace of every actual room change, and of nothing else.
 */
class InMemoryAdapterRoomChangesTest {

    private final RecordingNamespace nsp = new RecordingNamespace(null);
    private final InMemoryAdapter adapter = new InMemoryAdapter(nsp);

    @Test
    void reportsEachRoomJoinedOnceAndIgnoresRoomsTheSocketIsAlreadyIn() {
        adapter.addAll("s1", Set.of("s1"));
        adapter.addAll("s1", Set.of("s1", "blue"));
        adapter.addAll("s1", Set.of("blue"));

        assertEquals(List.of("join s1 s1", "join blue s1"), nsp.roomChanges());
    }

    @Test
    void reportsALeaveOnlyForARoomTheSocketWasIn() {
        adapter.addAll("s1", Set.of("blue"));
        adapter.del("s1", "red");
        adapter.del("s1", "blue");
        adapter.del("s1", "blue");
        adapter.del("unknown", "blue");

        assertEquals(List.of("join blue s1", "leave blue s1"), nsp.roomChanges());
    }

    @Test
    void reportsEveryRoomOfASocketRemovedFromAll() {
        adapter.addAll("s1", Set.of("s1"));
        adapter.addAll("s1", Set.of("blue"));
        nsp.roomChanges().clear();

        adapter.delAll("s1");
        adapter.delAll("s1");

        assertEquals(Set.of("leave s1 s1", "leave blue s1"), Set.copyOf(nsp.roomChanges()));
        assertEquals(2, nsp.roomChanges().size());
    }

    @Test
    void theNamespaceMayCallBackIntoTheAdapterFromTheNotification() {
        nsp.onRoomJoined((room, id) -> {
            // reads and changes membership from inside the notification: no lock is held any more
            assertEquals(Set.of("blue"), adapter.socketRooms(id));
            adapter.del(id, room);
        });
        adapter.addAll("s1", Set.of("blue"));

        assertEquals(List.of("join blue s1", "leave blue s1"), nsp.roomChanges());
        assertEquals(Set.of(), adapter.socketRooms("s1"));
    }
}
