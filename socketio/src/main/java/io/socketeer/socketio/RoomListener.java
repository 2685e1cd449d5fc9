package io.socketeer.socketio;

/**
 * Learns that a socket of this server joined or left a room of a namespace ({@link Namespace#onRoomJoin},
 * {@link Namespace#onRoomLeave}), as the reference adapter's {@code join-room} and {@code leave-room} events.
 */
@FunctionalInterface
public interface RoomListener {

    /**
     * Called once per actual change: joining a room the socket is already in, or leaving one it is not in,
     * calls nothing.
     *
     * @param room the room
     * @param socketId the socket
     */
    void onRoom(String room, String socketId);
}
