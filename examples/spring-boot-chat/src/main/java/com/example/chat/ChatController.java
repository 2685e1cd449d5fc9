package com.example.chat;

import io.socketeer.socketio.DisconnectReason;
import io.socketeer.socketio.Socket;
import io.socketeer.spring.boot.annotation.OnDisconnect;
import io.socketeer.spring.boot.annotation.OnEvent;
import io.socketeer.spring.boot.annotation.SocketIoController;
import io.socketeer.spring.boot.annotation.SocketIoEventException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** One chat room on the main namespace: join with a nickname, then send messages to everyone. */
@SocketIoController
public class ChatController {

    public record Join(@NotBlank @Size(max = 24) String nick) { }

    public record Message(@NotBlank @Size(max = 1000) String text) { }

    public record Posted(String nick, String text, long time) { }

    public record Joined(String nick, int online) { }

    @OnEvent("join")
    Joined join(Socket socket, @Valid Join join) {
        socket.data(join.nick());
        socket.join("chat");
        socket.to("chat").emit("notice", join.nick() + " joined");
        return new Joined(join.nick(), socket.namespace().sockets().size());
    }

    @OnEvent("message")
    Posted message(Socket socket, @Valid Message message) {
        String nick = socket.data();
        if (nick == null) {
            throw new SocketIoEventException("join first");
        }
        Posted posted = new Posted(nick, message.text(), System.currentTimeMillis());
        socket.to("chat").emit("message", posted);
        return posted;
    }

    @OnDisconnect
    void left(Socket socket, DisconnectReason reason) {
        String nick = socket.data();
        if (nick != null) {
            socket.to("chat").emit("notice", nick + " left");
        }
    }
}
