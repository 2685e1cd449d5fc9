package io.socketeer.adminui;

import io.socketeer.socketio.SocketIoServer;
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
 * The real admin UI, served by our server at {@code /admin/}, in Debian's Chromium driven by Playwright (see
 * {@code npm/browser/admin-ui.js}): a wrong password is refused in its login form, the right one shows the
 * socket of a connected client in the sockets view and our server in the servers view, and the sockets
 * view's disconnect button disconnects the client. Leaves a screenshot at {@code target/admin-ui.png}.
 */
class AdminUiBrowserTest {

    private SocketIoServer io;
    private AdminUi admin;

    @BeforeEach
    void start() {
        io = SocketIoServer.create();
        admin = AdminUi.instrument(io, AdminUiOptions.builder()
                .auth(AdminAuth.basic("admin", AdminUiProtocolTest.CHANGEIT))
                .serverId("browser-test-server")
                .statsInterval(Duration.ofMillis(500))
                .build());
        io.start(new InetSocketAddress("127.0.0.1", 0), admin::addHandlers).join();
    }

    @AfterEach
    void stop() {
        admin.close();
        io.close().join();
    }

    @Test
    void theServedUiLogsInToOurServerAndShowsItsSocketsInChromium() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertTrue(Files.isExecutable(chromium), "Chromium is needed at " + chromium
                + " (Debian package chromium; .ci/run installs it)");
        Path shot = Path.of("target", "admin-ui.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        try (NodeProcess node = NodeProcess.start("browser/admin-ui.js", "http://127.0.0.1:" + io.address().getPort(),
                shot.toString())) {
            node.assertScenariosPass(Duration.ofSeconds(120), 6);
        }
        assertTrue(Files.size(shot) > 1000, "a screenshot at " + shot);
    }
}
