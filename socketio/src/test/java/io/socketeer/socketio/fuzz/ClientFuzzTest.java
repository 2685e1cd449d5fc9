package io.socketeer.socketio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.FuzzConnection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the whole Socket.IO path of one connection: a WebSocket handshake through the pipeline of
 * {@link SocketIoServer#addHandlers}, then frames made of the input, through the Engine.IO session, the
 * {@code Client}'s decoding and binary reassembly, namespaces (static, dynamic, with a middleware),
 * listeners that echo, acknowledge, join and leave rooms and disconnect, and the encoder of their answers.
 *
 * <p>The input is records separated by {@code 0x1e}. The first chooses the protocol: {@code 3} for
 * Engine.IO v3 / Socket.IO v4 (socket.io-client 2.x, connected to {@code /} at once), anything else for
 * v4 / v5, after which the harness connects to {@code /} with {@code 40}. Each further record is one
 * frame: {@code b} followed by bytes is a binary frame (the v3 type byte added), anything else a text frame
 * holding an Engine.IO packet such as {@code 42["echo",1]}. Invariants: no exception reaches Netty, no
 * buffer leaks, and once the connection is gone no session, socket or room is left in any namespace.
 * Listeners run on the event loop, so every input runs the same way every time. Long runs: see
 * {@link ParserFuzzTest}.
 */
class ClientFuzzTest {

    private static final SocketIoServer IO = SocketIoServer.create(SocketIoOptions.builder()
            .engine(EngineIoOptions.builder().path("/socket.io/").maxPayload(16 * 1024).allowEio3(true).build())
            .handlersOnEventLoop(true)
            .serveClient(false)
            .maxNamespacesPerConnection(5)
            .build());

    static {
        IO.onConnection(ClientFuzzTest::listen);
        IO.of("/admin").use((socket, next) -> {
            if (socket.handshake().auth().has("token")) {
                next.proceed();
            } else {
                next.fail("unauthorized");
            }
        }).onConnection(ClientFuzzTest::listen);
        IO.of(Pattern.compile("^/room-\\d+$")).onConnection(ClientFuzzTest::listen);
    }

    private static void listen(Socket s) {
        s.join("all");
        s.onAny((event, args) -> s.emit("echo:" + event, args.toArray()));
        s.on("ack", (args, ack) -> ack.send(args.toArray()));
        s.on("join", args -> s.join(room(args)));
        s.on("leave", args -> s.leave(room(args)));
        s.on("bytes", args -> s.to("all").emit("bytes", ByteBuffer.wrap(new byte[] {1, 2, 3})));
        s.on("ask", args -> s.emitWithAck("question", 1));
        s.on("bye", args -> s.disconnect(args.size() > 1));
    }

    /** The room an event names in its first argument; events may come without arguments. */
    private static String room(EventArgs args) {
        return args.size() > 0 ? args.get(0).asText("x") : "x";
    }

    @FuzzTest(maxDuration = ParserFuzzTest.MAX_DURATION)
    void frames(byte[] input) {
        List<byte[]> records = Frames.split(input);
        boolean v3 = records.get(0).length == 1 && records.get(0)[0] == '3';
        FuzzConnection c = Connections.open(IO);
        c.write("GET /socket.io/?EIO=" + (v3 ? 3 : 4) + "&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        String answer = c.takeOutput();
        assertTrue(answer.startsWith("HTTP/1.1 101 "), answer);
        c.probeWebSocket();
        if (!v3) {
            c.write(Frames.text("40".getBytes(StandardCharsets.UTF_8)));
        }
        for (byte[] r : records.subList(1, records.size())) {
            if (r.length > 0 && r[0] == 'b') {
                c.write(Frames.binary(r, 1, v3));
            } else {
                c.write(Frames.text(r));
            }
        }
        c.finish();
        for (Namespace ns : List.of(IO.sockets(), IO.of("/admin"))) {
            assertTrue(ns.sockets().isEmpty(), () -> ns.name() + " still has " + ns.sockets().keySet());
            assertTrue(ns.adapter().rooms().isEmpty(), () -> ns.name() + " still has " + ns.adapter().rooms());
        }
    }
}
