package io.socketeer.adminui;

import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;

/**
 * The admin namespace protocol with the real socket.io-client 4.8 (see {@code npm/interop/admin-ui.js}):
 * refused and accepted credentials, the session id, the config, all sockets and server statistics on login;
 * what the admin hears when a client connects, upgrades, joins a room, emits, gets an answer, leaves and
 * disconnects; the counted connections; the join, leave, emit and {@code _disconnect} commands, and their
 * refusal on a read-only server.
 */
class AdminUiProtocolTest {

    /** The bcrypt hash of {@code changeit}, as the reference's documentation gives it. */
    static final String CHANGEIT = "$2b$10$heqvAkYMez.Va6Et2uXInOnkCT6/uQj1brkrbyG3LpopDklcq7ZOS";

    private SocketIoServer io;
    private SocketIoServer readonlyIo;
    private AdminUi admin;
    private AdminUi readonlyAdmin;

    private static SocketIoServer server() {
        SocketIoServer io = SocketIoServer.create();
        io.onConnection(s -> {
            s.on("hello", (args, ack) -> {
                s.emit("hi", args.get(0));
                ack.send("ok");
            });
            s.on("join-room", args -> s.join(args.getString(0)));
            s.on("leave-room", args -> s.leave(args.getString(0)));
            s.on("rooms", (args, ack) -> ack.send(new ArrayList<>(s.rooms())));
        });
        return io;
    }

    @BeforeEach
    void start() {
        io = server();
        admin = AdminUi.instrument(io, AdminUiOptions.builder()
                .auth(AdminAuth.basic("admin", CHANGEIT))
                .serverId("test-server")
                .statsInterval(Duration.ofMillis(200))
                .build());
        readonlyIo = server();
        readonlyAdmin = AdminUi.instrument(readonlyIo, AdminUiOptions.builder()
                .auth(AdminAuth.none())
                .readonly(true)
                .statsInterval(Duration.ofMillis(200))
                .build());
        io.start(0).join();
        readonlyIo.start(0).join();
    }

    @AfterEach
    void stop() {
        admin.close();
        readonlyAdmin.close();
        io.close().join();
        readonlyIo.close().join();
    }

    @Test
    void anAdminClientOnSocketIoClient48FollowsTheAdminUiProtocol() {
        try (NodeProcess node = NodeProcess.start("interop/admin-ui.js",
                "http://127.0.0.1:" + io.address().getPort(), "http://127.0.0.1:" + readonlyIo.address().getPort())) {
            node.assertScenariosPass(Duration.ofSeconds(90), 9);
        }
    }
}
