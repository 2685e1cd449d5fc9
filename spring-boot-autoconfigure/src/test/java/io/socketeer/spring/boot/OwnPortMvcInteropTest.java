package io.socketeer.spring.boot;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.app.TestChatApplication;
import io.socketeer.spring.boot.internal.SocketIoServerLifecycle;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring MVC application on Tomcat: Socket.IO listens on a port of its own ({@code socketeer.port}), the
 * REST endpoint on the application's; the same scenarios as the same-port mode pass against it.
 */
@SpringBootTest(classes = TestChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "socketeer.port=0", "socketeer.host=127.0.0.1"})
class OwnPortMvcInteropTest {

    @LocalServerPort
    int port;

    @Autowired
    SocketIoServer io;

    @Autowired
    SocketIoServerLifecycle lifecycle;

    @Test
    void stockClientScenariosPassOnTheOwnPort() {
        assertThat(lifecycle.ownPort()).isTrue();
        int socketIoPort = io.address().getPort();
        assertThat(socketIoPort).isNotEqualTo(port);
        try (NodeProcess node = NodeProcess.start("interop/spring.js", "http://127.0.0.1:" + socketIoPort, "default",
                "http://127.0.0.1:" + port)) {
            node.assertScenariosPass(Duration.ofSeconds(90), 18);
        }
        Await.until("all sessions to close", () -> io.engine().sessionCount() == 0);
    }
}
