package io.socketeer.socketio.interop;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.socketio.ConnectionStateRecovery;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

/**
 * Connection state recovery with the stock socket.io-client 4.8 over each transport: a first connection is
 * not recovered; after its connection drops, a socket reconnects with its id and rooms, gets the events sent
 * to its room and its id meanwhile, in order, and both sides say {@code recovered}. The scenarios are in
 * {@code npm/interop/recovery.js}.
 */
class ConnectionStateRecoveryInteropTest {

    private SocketIoServer io;
    private int port;

    @BeforeEach
    void start() {
        io = SocketIoServer.create(SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().path("/socket.io/")
                        .pingInterval(Duration.ofSeconds(1)).pingTimeout(Duration.ofSeconds(2)).build())
                .connectionStateRecovery(ConnectionStateRecovery.defaults())
                .build());
        io.onConnection(socket -> {
            socket.on("join", (args, ack) -> {
                socket.join(args.getString(0));
                ack.send(args.getString(0));
            });
            socket.on("to-room", (args, ack) -> {
                io.to(args.getString(0)).emit("news", args.getString(1));
                ack.send();
            });
            socket.emit("welcome", socket.recovered());
        });
        port = io.start(0).join().getPort();
    }

    @AfterEach
    void stop() {
        io.close().join();
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "default"})
    void aDroppedConnectionIsRecoveredWithItsIdRoomsAndMissedEvents(String transports) {
        try (NodeProcess node = NodeProcess.start("interop/recovery.js", "http://127.0.0.1:" + port, transports)) {
            node.assertScenariosPass(Duration.ofSeconds(60), 2);
        }
        Await.until("all sessions to close", () -> io.engine().sessionCount() == 0);
    }
}
