package io.socketeer.demo.chat;

import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo in a real browser (Debian's Chromium driven by Playwright, see {@code npm/browser/chat-demo.js}):
 * two chat pages see each other's nicknames, typing and messages (as text, never markup) and switch rooms;
 * the seed page on socket.io-client 2.x and 4.x exchange {@code channel}/{@code broadcast}; the raw
 * WebSocket echo page round-trips. Leaves a screenshot at {@code target/chat-demo.png}.
 */
class ChatDemoBrowserTest {

    private ChatServer server;
    private int port;

    @BeforeEach
    void start() {
        server = new ChatServer();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void chatSeedAndWebSocketPagesWorkInChromium() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertTrue(Files.isExecutable(chromium), "Chromium is needed at " + chromium
                + " (Debian package chromium; .ci/run installs it)");
        Path shot = Path.of("target", "chat-demo.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        try (NodeProcess node = NodeProcess.start("browser/chat-demo.js", "http://127.0.0.1:" + port,
                shot.toString())) {
            node.assertScenariosPass(Duration.ofSeconds(120), 5);
        }
        assertTrue(Files.size(shot) > 1000, "a screenshot at " + shot);
    }
}
