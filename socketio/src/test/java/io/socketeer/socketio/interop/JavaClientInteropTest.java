package io.socketeer.socketio.interop;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client users reach for on the JVM (io.socket:socket.io-client 2.1.2, protocol v5) against our
 * server over loopback: connect with auth, events both ways, acknowledgements both ways, binary,
 * namespaces and middleware refusals.
 */
class JavaClientInteropTest {

    private SocketIoServer io;
    private URI base;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        io = SocketIoServer.create();
        io.onConnection(s -> {
            s.on("echo", (args, ack) -> ack.send(args.toArray()));
            s.on("shout", args -> s.emit("shouted", args.getString(0).toUpperCase()));
            s.on("bytes", args -> s.emit("bytes-back", (Object) reversed(args.getBytes(0))));
            s.on("ask-me", args -> s.timeout(Duration.ofSeconds(5)).emitWithAck("question", 41)
                    .thenAccept(answer -> s.emit("answered", answer.getInt(0))));
            s.emit("welcome", s.handshake().auth().path("name").asText());
        });
        io.of("/admin").use((socket, next) -> next.fail("not an admin", Map.of("code", 7)));
        int port = io.start(0).join().getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    @AfterEach
    void stop() {
        clients.forEach(Socket::close);
        io.close().join();
    }

    private Socket client(String namespace, String transport, Map<String, String> auth) {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {transport})
                .setAuth(auth)
                .build();
        Socket s = IO.socket(base.resolve(namespace), options);
        clients.add(s);
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void connectsWithAuthAndExchangesEventsAndAcks(String transport) throws Exception {
        Socket s = client("/", transport, Map.of("name", "duke"));
        AtomicReference<Object> welcome = new AtomicReference<>();
        AtomicReference<Object> shouted = new AtomicReference<>();
        AtomicReference<Object[]> ack = new AtomicReference<>();
        s.on("welcome", a -> welcome.set(a[0]));
        s.on("shouted", a -> shouted.set(a[0]));
        s.on(Socket.EVENT_CONNECT, a -> {
            s.emit("shout", "hello");
            s.emit("echo", new Object[] {1, "two", new JSONObject(Map.of("three", true))}, args -> ack.set(args));
        });
        s.connect();

        Await.until("the welcome event", () -> "duke".equals(welcome.get()));
        Await.until("the shouted event", () -> "HELLO".equals(shouted.get()));
        Await.until("the acknowledgement", () -> ack.get() != null);
        assertEquals(1, ack.get()[0]);
        assertEquals("two", ack.get()[1]);
        assertTrue(((JSONObject) ack.get()[2]).getBoolean("three"));
    }

    @Test
    void binaryTravelsBothWays() {
        Socket s = client("/", "websocket", Map.of());
        AtomicReference<byte[]> back = new AtomicReference<>();
        s.on("bytes-back", a -> back.set((byte[]) a[0]));
        s.on(Socket.EVENT_CONNECT, a -> s.emit("bytes", (Object) new byte[] {1, 2, 3, (byte) 255}));
        s.connect();

        Await.until("the binary answer", () -> back.get() != null);
        assertArrayEquals(new byte[] {(byte) 255, 3, 2, 1}, back.get());
    }

    @Test
    void serverAsksAndTheClientAcknowledges() {
        Socket s = client("/", "websocket", Map.of());
        AtomicReference<Object> answered = new AtomicReference<>();
        s.on("question", a -> ((io.socket.client.Ack) a[a.length - 1]).call((Integer) a[0] + 1));
        s.on("answered", a -> answered.set(a[0]));
        s.on(Socket.EVENT_CONNECT, a -> s.emit("ask-me"));
        s.connect();

        Await.until("the server to get the client's answer", () -> Integer.valueOf(42).equals(answered.get()));
    }

    @Test
    void middlewareRefusalReachesTheClientWithMessageAndData() {
        Socket s = client("/admin", "websocket", Map.of());
        AtomicReference<Object> error = new AtomicReference<>();
        s.on(Socket.EVENT_CONNECT_ERROR, a -> error.set(a[0]));
        s.connect();

        Await.until("connect_error", () -> error.get() != null);
        String text = error.get().toString();
        assertTrue(text.contains("not an admin"), text);
    }

    private static byte[] reversed(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }
}
