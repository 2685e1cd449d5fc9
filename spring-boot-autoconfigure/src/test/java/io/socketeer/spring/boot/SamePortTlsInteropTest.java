package io.socketeer.spring.boot;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.app.TestChatApplication;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

/** TLS from Spring Boot's {@code server.ssl.*} covers Socket.IO in the same-port mode: polling, WebSocket, upgrade. */
@SpringBootTest(classes = TestChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive",
                "server.ssl.certificate=classpath:tls/cert.pem",
                "server.ssl.certificate-private-key=classpath:tls/key.pem"})
class SamePortTlsInteropTest {

    @LocalServerPort
    int port;

    @Autowired
    SocketIoServer io;

    @Test
    void socketIoAndRestShareTheHttpsPort() {
        try (NodeProcess node = NodeProcess.start("interop/spring-tls.js", "https://127.0.0.1:" + port)) {
            node.assertScenariosPass(Duration.ofSeconds(60), 4);
        }
        Await.until("all sessions to close", () -> io.engine().sessionCount() == 0);
    }
}
