package io.socketeer.spring.boot.app;

import io.socketeer.spring.boot.annotation.Auth;
import io.socketeer.spring.boot.annotation.OnConnect;
import io.socketeer.spring.boot.annotation.OnEvent;
import io.socketeer.spring.boot.annotation.SocketIoController;
import io.socketeer.socketio.Socket;

/** The /secure namespace (behind a middleware bean) and the handshake's auth as a record. */
@SocketIoController("/secure")
public class SecureController {

    /** The client's auth payload. */
    public record Credentials(String token, String user) {
    }

    @OnConnect
    void connected(Socket socket, @Auth Credentials credentials) {
        socket.data(credentials.user());
    }

    @OnEvent("whoami")
    String whoami(Socket socket) {
        return socket.data();
    }
}
