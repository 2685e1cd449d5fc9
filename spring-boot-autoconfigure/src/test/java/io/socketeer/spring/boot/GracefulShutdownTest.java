package io.socketeer.spring.boot;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.app.TestChatApplication;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the context of a WebFlux application with graceful shutdown while a polling client (a long-poll
 * pending) and a WebSocket client are connected: both are told and closed at once, and the long-poll, which
 * the web server does not know of, does not hold its shutdown.
 */
class GracefulShutdownTest {

    @Test
    void connectedClientsGetACleanCloseAndDoNotHoldTheShutdown() {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(TestChatApplication.class)
                .properties("spring.main.web-application-type=reactive", "server.port=0", "server.address=127.0.0.1",
                        "server.shutdown=graceful", "spring.lifecycle.timeout-per-shutdown-phase=20s")
                .run();
        SocketIoServer io = ctx.getBean(SocketIoServer.class);
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        try (NodeProcess node = NodeProcess.start("interop/spring-shutdown.js", "http://127.0.0.1:" + port)) {
            node.awaitLine("both clients connected", Duration.ofSeconds(20), "CONNECTED"::equals);
            long start = System.nanoTime();
            ctx.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String polling = node.awaitLine("the polling client's disconnect", Duration.ofSeconds(10),
                    l -> l.startsWith("DISCONNECT polling"));
            String websocket = node.awaitLine("the WebSocket client's disconnect", Duration.ofSeconds(10),
                    l -> l.startsWith("DISCONNECT websocket"));
            // the server closes the connections: the clients see it as the end of their transport. A polling client
            // whose next long-poll had not reached the server yet learns it from that request failing.
            assertThat(polling).isIn("DISCONNECT polling transport close", "DISCONNECT polling io server disconnect",
                    "DISCONNECT polling transport error");
            assertThat(websocket).isIn("DISCONNECT websocket transport close",
                    "DISCONNECT websocket io server disconnect");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        } finally {
            ctx.close();
        }
        assertThat(io.engine().sessionCount()).isZero();
    }
}
