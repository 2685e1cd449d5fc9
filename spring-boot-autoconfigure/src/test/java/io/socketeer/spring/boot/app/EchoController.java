package io.socketeer.spring.boot.app;

import io.socketeer.socketio.Socket;
import io.socketeer.spring.boot.annotation.EventName;
import io.socketeer.spring.boot.annotation.OnAnyEvent;
import io.socketeer.spring.boot.annotation.OnConnect;
import io.socketeer.spring.boot.annotation.OnDisconnect;
import io.socketeer.spring.boot.annotation.OnEvent;
import io.socketeer.spring.boot.annotation.SocketIoController;
import io.socketeer.spring.boot.annotation.SocketIoEventException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The main namespace's handlers: each event exercises one kind of argument or answer. */
@SocketIoController
public class EchoController {

    /** A payload with constraints. */
    public record Greeting(@NotBlank String name, @PositiveOrZero int age) {
    }

    /** An answer. */
    public record Reply(String text) {
    }

    /** What the disconnect handler saw, for the tests. */
    public final List<String> disconnects = new CopyOnWriteArrayList<>();

    @OnConnect
    void connected(Socket socket) {
        socket.emit("welcome", socket.id());
    }

    @OnDisconnect
    void disconnected(Socket socket, String reason) {
        disconnects.add(reason);
    }

    @OnEvent("greet")
    Reply greet(@Valid Greeting greeting) {
        return new Reply("hello " + greeting.name() + " (" + greeting.age() + ")");
    }

    @OnEvent("sum")
    int sum(int a, int b, Socket socket) {
        return a + b;
    }

    @OnEvent("later")
    CompletableFuture<String> later(String what) {
        return CompletableFuture.supplyAsync(() -> "later " + what);
    }

    @OnEvent("mono")
    Mono<Reply> mono(String what) {
        return Mono.fromSupplier(() -> new Reply("mono " + what));
    }

    @OnEvent("bytes")
    byte[] bytes(byte[] data) {
        byte[] reversed = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            reversed[i] = data[data.length - 1 - i];
        }
        return reversed;
    }

    @OnEvent("boom")
    String boom() {
        throw new IllegalStateException("secret internals");
    }

    @OnEvent("refuse")
    String refuse() {
        throw new SocketIoEventException("not today");
    }

    @OnEvent("join")
    void join(Socket socket, String room) {
        socket.join(room);
    }

    @OnEvent("say")
    void say(Socket socket, String room, String text) {
        socket.to(room).emit("said", text);
    }

    @OnAnyEvent
    void unhandled(Socket socket, @EventName String event) {
        socket.emit("unhandled", event);
    }
}
