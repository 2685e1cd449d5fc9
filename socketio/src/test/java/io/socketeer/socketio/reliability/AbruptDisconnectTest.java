package io.socketeer.socketio.reliability;

import io.netty.buffer.PooledByteBufAllocator;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.RawWebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that vanish without a word (connection reset, no close packet), over WebSocket, polling, and in
 * the middle of an upgrade, leave nothing behind: no session, no socket in any namespace, no room, and the
 * direct memory in use returns to where it was.
 */
class AbruptDisconnectTest {

    /** The short version for the test command; the long run uses 10,000 (see the issue note). */
    private static final int ROUNDS = Integer.getInteger("abrupt.rounds", 1500);

    private SocketIoServer io;

    @AfterEach
    void stop() {
        io.close().join();
    }

    @Test
    void vanishedClientsLeaveNoSessionsSocketsRoomsOrMemory() throws Exception {
        io = SocketIoServer.create(SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().path("/socket.io/")
                        .pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(300)).build())
                .handlersOnEventLoop(true)
                .build());
        io.onConnection(s -> s.join("room-" + (s.id().hashCode() & 7)));
        io.of("/chat").onConnection(s -> s.join("chat-room"));
        int port = io.start(0).join().getPort();

        warmUpAndSettle(port);
        long directBefore = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();

        for (int round = 0; round < ROUNDS; round++) {
            switch (round % 3) {
                case 0 -> {
                    RawWebSocketClient ws = new RawWebSocketClient(port, "/socket.io/?EIO=4&transport=websocket", 0);
                    ws.readText();
                    ws.sendText("40");
                    ws.sendText("40/chat,");
                    ws.readText();
                    ws.abort();
                }
                case 1 -> {
                    String sid = pollingHandshake(port);
                    post(port, sid, "40");
                    // the client is gone now: no poll, no close packet; only the heartbeat can tell
                }
                default -> {
                    String sid = pollingHandshake(port);
                    post(port, sid, "40");
                    RawWebSocketClient ws = new RawWebSocketClient(port,
                            "/socket.io/?EIO=4&transport=websocket&sid=" + sid, 0);
                    ws.sendText("2probe");
                    ws.readText();
                    ws.abort(); // mid-upgrade
                }
            }
        }

        Await.until("every session to close", Duration.ofSeconds(30), () -> io.engine().sessionCount() == 0);
        Await.until("every socket to leave", () -> io.sockets().sockets().isEmpty()
                && io.of("/chat").sockets().isEmpty());
        assertTrue(io.sockets().adapter().rooms().isEmpty(), io.sockets().adapter().rooms().toString());
        assertTrue(io.of("/chat").adapter().rooms().isEmpty(), io.of("/chat").adapter().rooms().toString());
        Await.until("direct memory to return", () ->
                PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() <= directBefore);
    }

    private void warmUpAndSettle(int port) throws Exception {
        RawWebSocketClient ws = new RawWebSocketClient(port, "/socket.io/?EIO=4&transport=websocket", 0);
        ws.readText();
        ws.abort();
        Await.until("the warm-up session to close", () -> io.engine().sessionCount() == 0);
    }

    private static String pollingHandshake(int port) throws Exception {
        String body = http(port, "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n");
        int i = body.indexOf("\"sid\":\"") + 7;
        return body.substring(i, body.indexOf('"', i));
    }

    private static void post(int port, String sid, String payload) throws Exception {
        String body = http(port, "POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: " + payload.length() + "\r\n\r\n" + payload);
        assertEquals("ok", body);
    }

    /** One request on its own connection, reset right after the answer. */
    private static String http(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            StringBuilder head = new StringBuilder();
            int contentLength = -1;
            List<String> lines = new ArrayList<>();
            while (true) {
                int c = in.read();
                if (c == -1) {
                    break;
                }
                head.append((char) c);
                if (head.toString().endsWith("\r\n")) {
                    String line = head.substring(0, head.length() - 2);
                    head.setLength(0);
                    if (line.isEmpty()) {
                        break;
                    }
                    lines.add(line);
                    if (line.toLowerCase().startsWith("content-length:")) {
                        contentLength = Integer.parseInt(line.substring(15).trim());
                    }
                }
            }
            byte[] body = in.readNBytes(contentLength);
            s.setSoLinger(true, 0);
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
