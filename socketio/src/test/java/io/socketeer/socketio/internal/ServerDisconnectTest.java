package io.socketeer.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.DefaultEventLoop;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.HandshakeRequest;
import io.socketeer.engineio.Transport;
import io.socketeer.socketio.DisconnectReason;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.testkit.Await;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A socket the server disconnects leaves with "server namespace disconnect", even when the client's answer
 * to the DISCONNECT (closing its transport, as socket.io-client does when no namespace is left) reaches the
 * server before the thread that disconnected has finished; the session here closes its transport the moment
 * the DISCONNECT packet is handed to it, the tightest such race. And the client is told only once the socket
 * has left its rooms and the namespace, so that what it does next does not find it there.
 */
class ServerDisconnectTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() throws Exception {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void aTransportCloseProvokedByTheDisconnectPacketDoesNotChangeTheReason() throws Exception {
        assertReason(false, DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
    }

    @Test
    void closingTheWholeConnectionGivesTheSocketTheSameReason() throws Exception {
        assertReason(true, DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
    }

    private void assertReason(boolean closeConnection, DisconnectReason expected) throws Exception {
        SocketIoCore core = new SocketIoCore(SocketIoOptions.builder().handlersOnEventLoop(true).build());
        CompletableFuture<Socket> connected = new CompletableFuture<>();
        CompletableFuture<DisconnectReason> left = new CompletableFuture<>();
        core.namespaces().of("/").onConnection(s -> {
            s.onDisconnect(left::complete);
            connected.complete(s);
        });
        ClosingSession session = new ClosingSession(core, loop, true);
        loop.execute(() -> {
            core.onOpen(session);
            core.onMessage(session, EngineIoMessage.text("0"));
        });
        Socket socket = connected.get(5, TimeUnit.SECONDS);

        socket.disconnect(closeConnection); // from a foreign thread, as an admin command or another socket would

        assertEquals(expected, left.get(5, TimeUnit.SECONDS));
        Await.until("the DISCONNECT packet going out", () -> session.sent.contains("1"));
        core.shutdown();
    }

    @Test
    void theDisconnectPacketGoesOutAfterTheSocketLeftItsRoomsAndTheNamespace() throws Exception {
        SocketIoCore core = new SocketIoCore(SocketIoOptions.builder().build()); // listeners off the loop
        Namespace nsp = core.namespaces().of("/");
        CompletableFuture<Socket> connected = new CompletableFuture<>();
        CountDownLatch told = new CountDownLatch(1);
        nsp.onConnection(s -> {
            s.join("r");
            // a slow disconnecting listener: a packet sent before the socket has left goes out meanwhile
            s.onDisconnecting(reason -> {
                try {
                    told.await(300, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            connected.complete(s);
        });
        CompletableFuture<String> seenWhenTold = new CompletableFuture<>();
        ClosingSession session = new ClosingSession(core, loop, false);
        session.onDisconnectPacket = () -> {
            seenWhenTold.complete("room r: " + nsp.in("r").local().fetchSockets().join().size()
                    + ", namespace: " + nsp.local().fetchSockets().join().size());
            told.countDown();
        };
        loop.execute(() -> {
            core.onOpen(session);
            core.onMessage(session, EngineIoMessage.text("0"));
        });
        Socket socket = connected.get(5, TimeUnit.SECONDS);

        socket.disconnect(false);

        assertEquals("room r: 0, namespace: 0", seenWhenTold.get(5, TimeUnit.SECONDS));
        core.shutdown();
    }

    /**
     * A session that records what it is sent; when told to, its peer closes the transport as soon as it is
     * sent a DISCONNECT for "/".
     */
    private static final class ClosingSession implements EngineIoSession {
        final List<String> sent = new CopyOnWriteArrayList<>();
        private final SocketIoCore core;
        private final ScheduledExecutorService loop;
        private final boolean closesOnDisconnect;
        volatile Runnable onDisconnectPacket = () -> { };
        private volatile boolean open = true;
        private volatile Object attachment;

        ClosingSession(SocketIoCore core, ScheduledExecutorService loop, boolean closesOnDisconnect) {
            this.core = core;
            this.loop = loop;
            this.closesOnDisconnect = closesOnDisconnect;
        }

        @Override
        public String id() {
            return "sid";
        }

        @Override
        public int protocolVersion() {
            return 4;
        }

        @Override
        public Transport transport() {
            return Transport.WEBSOCKET;
        }

        @Override
        public HandshakeRequest handshake() {
            return new HandshakeRequest("GET", "/socket.io/?EIO=4&transport=websocket", Map.of(), Map.of(),
                    null, null, false, 4, Transport.WEBSOCKET, System.currentTimeMillis());
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void send(EngineIoMessage message) {
            String text = message.isBinary() ? "<binary>" : message.text();
            sent.add(text);
            if (text.equals("1")) {
                onDisconnectPacket.run();
                if (open && closesOnDisconnect) {
                    open = false;
                    core.onClose(this, CloseReason.TRANSPORT_CLOSE, "peer closed");
                }
            }
        }

        @Override
        public void send(List<EngineIoMessage> messages) {
            messages.forEach(this::send);
        }

        @Override
        public void trySend(List<EngineIoMessage> messages) {
            send(messages);
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public ScheduledExecutorService executor() {
            return loop;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T attachment() {
            return (T) attachment;
        }

        @Override
        public void attach(Object attachment) {
            this.attachment = attachment;
        }
    }
}
