package io.socketeer.socketio;

import io.socket.client.IO;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Event middlewares ({@code socket.use}), with a real client: the order they run in, changed arguments,
 * refusals and failures (also without an error object) reaching the error listeners, and a {@code next} called twice.
 */
class EventMiddlewareTest {

    private SocketIoServer io;
    private io.socket.client.Socket client;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        io = SocketIoServer.create();
        io.onConnection(socket -> {
            socket.onAny((event, args) -> seen.add("any " + event));
            socket.use((event, args, next) -> {
                seen.add("first " + event);
                if (event.equals("shout")) {
                    args.raw().set(0, args.getString(0).toUpperCase());
                }
                next.proceed();
                next.proceed(); // a second call is ignored
            });
            socket.use((event, args, next) -> {
                seen.add("second " + event);
                switch (event) {
                    case "forbidden" -> next.fail(new IllegalStateException("no " + event));
                    case "broken" -> throw new IllegalArgumentException("middleware bug");
                    case "vague" -> next.fail(null);
                    default -> next.proceed();
                }
            });
            socket.onError(e -> seen.add("error " + e.getMessage()));
            for (String event : List.of("shout", "forbidden", "broken", "vague", "done")) {
                socket.on(event, args -> seen.add("listener " + event + (args.isEmpty() ? "" : " " + args.getString(0))));
            }
        });
        int port = io.start(0).join().getPort();
        client = IO.socket(URI.create("http://127.0.0.1:" + port), IO.Options.builder()
                .setForceNew(true).setReconnection(false).setTransports(new String[] {"websocket"}).build());
        client.connect();
        Await.until("connected", client::connected);
    }

    @AfterEach
    void stop() {
        client.close();
        io.close().join();
    }

    @Test
    void middlewaresRunInOrderAfterOnAnyAndCanChangeRefuseOrFailAnEvent() {
        client.emit("shout", "hello");
        client.emit("forbidden");
        client.emit("broken");
        client.emit("vague");
        client.emit("done");
        Await.until("the last event's listener", () -> seen.contains("listener done"));

        assertEquals(List.of(
                "any shout", "first shout", "second shout", "listener shout HELLO",
                "any forbidden", "first forbidden", "second forbidden", "error no forbidden",
                "any broken", "first broken", "second broken", "error middleware bug",
                "any vague", "first vague", "second vague", "error event \"vague\" refused by a middleware",
                "any done", "first done", "second done", "listener done"), List.copyOf(seen));
    }

    @Test
    void withoutAnErrorListenerARefusedEventIsDroppedQuietly() {
        AtomicReference<Socket> server = new AtomicReference<>();
        io.of("/quiet").onConnection(socket -> {
            socket.use((event, args, next) -> next.fail(new IllegalStateException("never")));
            socket.on("ping", args -> seen.add("quiet listener"));
            server.set(socket);
        });
        io.socket.client.Socket quiet = client.io().socket("/quiet");
        quiet.connect();
        Await.until("connected to /quiet", () -> server.get() != null);
        quiet.emit("ping");
        client.emit("done");
        Await.until("the other socket's event", () -> seen.contains("listener done"));
        Await.until("the refused socket still connected", () -> server.get().connected());
        assertEquals(List.of(), seen.stream().filter(s -> s.contains("quiet") || s.contains("never")).toList());
        quiet.close();
    }
}
