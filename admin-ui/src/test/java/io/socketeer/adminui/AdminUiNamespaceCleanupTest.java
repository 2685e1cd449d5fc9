package io.socketeer.adminui;

import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import io.socketeer.testkit.RawWebSocketClient;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin UI, in development mode, observes every namespace, children of dynamic namespaces included; one
 * removed once empty ({@code cleanupEmptyChildNamespaces}) is not kept reachable by it.
 */
class AdminUiNamespaceCleanupTest {

    @Test
    void aChildRemovedOnceEmptyIsNotKeptByTheAdminUi() throws Exception {
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().cleanupEmptyChildNamespaces(true).build());
        io.of(Pattern.compile("^/doc-\\d+$")).onConnection(socket -> { });
        AdminUiOptions options = AdminUiOptions.builder().auth(AdminAuth.none()).build();
        assertEquals(AdminUiMode.DEVELOPMENT, options.mode(), "the mode that observes every namespace");
        AdminUi admin = AdminUi.instrument(io, options);
        int port = io.start(0).join().getPort();
        try {
            WeakReference<Namespace> child;
            try (RawWebSocketClient c = new RawWebSocketClient(port, "/socket.io/?EIO=4&transport=websocket", 0)) {
                assertTrue(c.readText().startsWith("0{"), "the open packet");
                c.sendText("40/doc-1,");
                assertTrue(c.readText().startsWith("40/doc-1,{\"sid\":"));
                child = new WeakReference<>(io.namespaces().stream().filter(n -> n.name().equals("/doc-1"))
                        .findFirst().orElseThrow());
                c.sendText("41/doc-1,");
                Await.until("the empty child to go",
                        () -> io.namespaces().stream().noneMatch(n -> n.name().equals("/doc-1")));
            }
            Await.until("the removed child to be collected", () -> {
                System.gc();
                return child.get() == null;
            });
        } finally {
            admin.close();
            io.close().join();
        }
    }
}
