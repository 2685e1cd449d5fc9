package io.socketeer.spring.boot.app;

import io.socketeer.socketio.Socket;
import io.socketeer.spring.boot.annotation.OnEvent;
import io.socketeer.spring.boot.annotation.SocketIoController;

/** Dynamic namespaces /room-1, /room-2, … */
@SocketIoController(pattern = "^/room-\\d+$")
public class RoomController {

    @OnEvent("where")
    String where(Socket socket) {
        return socket.namespace().name();
    }
}
