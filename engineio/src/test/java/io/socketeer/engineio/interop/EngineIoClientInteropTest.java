package io.socketeer.engineio.interop;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real engine.io-client, 6.x (protocol v4) and 3.x (protocol v3, as socket.io-client 2.x uses it), against
 * an in-process server over polling only, WebSocket only, and polling with upgrade: text, binary both ways,
 * messages during the upgrade, server close, heartbeats keeping a connection open and closing one that stops
 * answering ({@code npm/interop/eio.js}).
 */
class EngineIoClientInteropTest {

    private EngineIoServer server;
    private int port;
    private final Map<String, CloseReason> reasons = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        EngineIoOptions options = EngineIoOptions.builder().allowEio3(true)
                .pingInterval(Duration.ofMillis(200)).pingTimeout(Duration.ofMillis(300)).build();
        server = EngineIoServer.create(options, new EngineIoListener() {
            @Override
            public void onOpen(EngineIoSession session) {
            }

            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
                if (message.isBinary()) {
                    session.send(message);
                    return;
                }
                String text = message.text();
                if (text.equals("push-binary")) {
                    session.send(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
                } else if (text.equals("close-me")) {
                    session.close();
                } else if (text.startsWith("reason-of:")) {
                    CloseReason r = reasons.get(text.substring(10));
                    session.send(r == null ? "none" : r.reason());
                } else {
                    session.send(message);
                }
            }

            @Override
            public void onClose(EngineIoSession session, CloseReason reason, String description) {
                reasons.put(session.id(), reason);
            }
        });
        port = server.start(0).join().getPort();
    }

    @AfterEach
    void stop() {
        server.close().join();
    }

    @ParameterizedTest
    @CsvSource({"v4,polling", "v4,websocket", "v4,default", "v3,polling", "v3,websocket", "v3,default"})
    void realClientScenariosPass(String version, String transports) {
        try (NodeProcess node = NodeProcess.start("interop/eio.js", "http://127.0.0.1:" + port, version, transports)) {
            node.assertScenariosPass(Duration.ofSeconds(60), transports.equals("default") ? 6 : 5);
        }
        Await.until("every session to close", () -> server.sessionCount() == 0);
    }
}
