package io.socketeer.engineio;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.socketeer.engineio.testing.RecordingListener;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listening socket lives on one of the server's I/O loops, not on a thread of its own: with one I/O thread a
 * connection is accepted and served by the same loop (no hand-off to another thread per connect), and with more
 * the connections are spread over all of them, the listening one included.
 */
class ListeningLoopTest {


    /** The loops of the accepted connections and of the listening socket that accepted them. */
    private record Loops(EventLoop connection, EventLoop listener) {
    }

    private static List<Loops> connect(int ioThreads, int connections) throws Exception {
        List<Loops> seen = new CopyOnWriteArrayList<>();
        EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), RecordingListener.recording());
        try {
            int port = server.start(new InetSocketAddress("127.0.0.1", 0), ioThreads, p -> {
                Channel ch = p.channel();
                seen.add(new Loops(ch.eventLoop(), ch.parent().eventLoop()));
            }).join().getPort();
            for (int i = 0; i < connections; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    int expected = i + 1;
                    Await.until("connection " + expected + " accepted", Duration.ofSeconds(5),
                            () -> seen.size() >= expected);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            server.close().join();
        }
        return seen;
    }

    @Test
    void withOneIoThreadTheListeningSocketAndItsConnectionsShareTheLoop() throws Exception {
        List<Loops> seen = connect(1, 3);
        assertEquals(3, seen.size());
        for (Loops l : seen) {
            assertSame(l.listener(), l.connection());
        }
    }

    @Test
    void withTwoIoThreadsConnectionsGoToBothLoopsOneOfThemTheListeningOne() throws Exception {
        List<Loops> seen = connect(2, 4);
        Set<EventLoop> loops = new HashSet<>();
        seen.forEach(l -> loops.add(l.connection()));
        assertEquals(2, loops.size(), "connections on " + loops);
        assertTrue(loops.contains(seen.get(0).listener()), "the listening loop serves connections too");
    }
}
