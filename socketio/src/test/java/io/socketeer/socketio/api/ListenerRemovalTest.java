package io.socketeer.socketio.api;

import io.socketeer.socketio.AckEventListener;
import io.socketeer.socketio.AnyListener;
import io.socketeer.socketio.EventListener;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.socketio.hostile.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Listeners that run once and listeners taken away, seen on the wire: after each step the client sends
 * {@code mark}, whose answer tells that every earlier event of the socket has been through its listeners (they
 * run in order), so what was not answered before it never will be.
 */
class ListenerRemovalTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private SocketIoServer io;
    private int port;

    @BeforeEach
    void start() {
        io = SocketIoServer.create();
        io.onConnection(s -> {
            s.on("mark", args -> s.emit("mark"));
            s.once("first", args -> s.emit("got", "first " + args.getString(0)));
            s.once("question", (args, ack) -> ack.send("answer"));

            EventListener counter = args -> s.emit("got", "counted");
            s.on("count", counter);
            s.on("count", args -> s.emit("got", "also counted"));
            s.on("stop-counting", args -> s.off("count", counter));

            EventListener late = args -> s.emit("got", "late");
            s.once("late", late);
            s.on("cancel-late", args -> s.off("late", late));

            AckEventListener twice = (args, ack) -> s.emit("got", "twice");
            s.on("twice", twice);
            s.on("twice", twice);
            s.on("once-less", args -> s.off("twice", twice));

            AnyListener any = (event, args) -> seen.add(event);
            s.onAny(any);
            s.on("deaf", args -> s.offAny(any));
            s.onAnyOutgoing((event, args) -> seen.add("out:" + event));
            s.on("mute", args -> s.offAnyOutgoing());
        });
        port = io.start(new InetSocketAddress("127.0.0.1", 0)).join().getPort();
    }

    @AfterEach
    void stop() {
        io.close().join();
    }

    @Test
    void aOnceListenerRunsForTheFirstEventOnly() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"first\",\"a\"]");
            c.sendText("42[\"first\",\"b\"]");
            c.sendText("42[\"mark\"]");
            assertEquals("42[\"got\",\"first a\"]", c.readText());
            assertEquals("42[\"mark\"]", c.readText());

            c.sendText("421[\"question\"]");
            c.sendText("422[\"question\"]");
            c.sendText("42[\"mark\"]");
            assertEquals("431[\"answer\"]", c.readText());
            assertEquals("42[\"mark\"]", c.readText(), "the second question found no listener");
        }
    }

    @Test
    void offRemovesThatListenerAndLeavesTheOthers() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"count\"]");
            assertEquals("42[\"got\",\"counted\"]", c.readText());
            assertEquals("42[\"got\",\"also counted\"]", c.readText());
            c.sendText("42[\"stop-counting\"]");
            c.sendText("42[\"count\"]");
            c.sendText("42[\"mark\"]");
            assertEquals("42[\"got\",\"also counted\"]", c.readText());
            assertEquals("42[\"mark\"]", c.readText());
        }
    }

    @Test
    void offFindsAOnceListenerByTheListenerItWasGiven() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"cancel-late\"]");
            c.sendText("42[\"late\"]");
            c.sendText("42[\"mark\"]");
            assertEquals("42[\"mark\"]", c.readText());
        }
    }

    @Test
    void aListenerAddedTwiceIsRemovedOneAtATime() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"once-less\"]");
            c.sendText("42[\"twice\"]");
            c.sendText("42[\"mark\"]");
            assertEquals("42[\"got\",\"twice\"]", c.readText());
            assertEquals("42[\"mark\"]", c.readText());
        }
    }

    @Test
    void catchAllListenersCanBeTakenAway() throws Exception {
        try (RawClient c = RawClient.joined(port)) {
            c.sendText("42[\"mark\"]");
            assertEquals("42[\"mark\"]", c.readText());
            c.sendText("42[\"deaf\"]");
            c.sendText("42[\"mute\"]");
            c.sendText("42[\"mark\"]");
            assertEquals("42[\"mark\"]", c.readText());
            assertEquals(List.of("mark", "out:mark", "deaf"), seen);
        }
    }
}
