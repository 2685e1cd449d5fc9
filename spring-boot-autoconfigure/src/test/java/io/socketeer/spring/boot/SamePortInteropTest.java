package io.socketeer.spring.boot;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.app.EchoController;
import io.socketeer.spring.boot.app.TestChatApplication;
import io.socketeer.spring.boot.internal.SocketIoServerLifecycle;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock socket.io-client 4.8 against a WebFlux application: Socket.IO inside Reactor Netty's pipeline, on
 * the application's own (random) port, beside a REST endpoint; annotated handlers and middleware beans.
 */
@SpringBootTest(classes = TestChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive"})
class SamePortInteropTest {

    @LocalServerPort
    int port;

    @Autowired
    SocketIoServer io;

    @Autowired
    SocketIoServerLifecycle lifecycle;

    @Autowired
    EchoController echo;

    @Autowired
    @Qualifier("middlewareTrace")
    List<String> middlewareTrace;

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "default"})
    void stockClientScenariosPassOnTheApplicationsPort(String transports) {
        assertThat(lifecycle.ownPort()).isFalse();
        assertThat(io.address()).isNull();
        try (NodeProcess node = NodeProcess.start("interop/spring.js", "http://127.0.0.1:" + port, transports)) {
            node.assertScenariosPass(Duration.ofSeconds(90), 18);
        }
        Await.until("all sessions to close", () -> io.engine().sessionCount() == 0);
        assertThat(echo.disconnects).contains("client namespace disconnect");
        // the middleware beans ran in @Order, on the main namespace only
        assertThat(middlewareTrace).containsSubsequence("first /", "second /")
                .noneMatch(s -> s.endsWith("/secure") || s.contains("/room-"));
    }
}
