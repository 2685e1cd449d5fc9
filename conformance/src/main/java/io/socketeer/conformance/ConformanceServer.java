package io.socketeer.conformance;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;

import java.time.Duration;

/**
 * The fixture of the official conformance suites: on {@code $PORT} (default 3000) an Engine.IO echo server
 * under {@code /engine.io/} with pingInterval 300 ms, pingTimeout 200 ms and maxPayload 1,000,000.
 */
public final class ConformanceServer {

    private ConformanceServer() {
    }

    /**
     * Starts the fixture and runs until killed.
     *
     * @param args unused
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        EngineIoOptions options = EngineIoOptions.builder()
                .path("/engine.io/")
                .pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200))
                .maxPayload(1_000_000)
                .build();
        EngineIoServer echo = EngineIoServer.create(options, new EngineIoListener() {
            @Override
            public void onOpen(EngineIoSession session) {
            }

            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
                session.send(message);
            }

            @Override
            public void onClose(EngineIoSession session, CloseReason reason, String description) {
            }
        });
        System.out.println("conformance server listening on " + echo.start(port).join());
        Thread.currentThread().join();
    }
}
