package io.socketeer.socketio.observe;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socketeer.engineio.Transport;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hooks a monitoring tool needs, with a real client: namespace creation, room joins and leaves, and a
 * socket's Engine.IO connection.
 */
class ObservationHooksTest {

    private SocketIoServer io;
    private URI base;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        io = SocketIoServer.create();
        int port = io.start(0).join().getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    @AfterEach
    void stop() {
        clients.forEach(Socket::close);
        io.close().join();
    }

    private Socket client(String namespace, String transport) {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {transport})
                .build();
        Socket s = IO.socket(base.resolve(namespace), options);
        clients.add(s);
        s.connect();
        return s;
    }

    @Test
    void newNamespaceListenersHearOfCreatedNamespacesAndOfDynamicChildrenBeforeTheirFirstSocket() {
        List<String> created = new CopyOnWriteArrayList<>();
        List<String> connectedSeen = new CopyOnWriteArrayList<>();
        io.onNewNamespace(nsp -> {
            created.add(nsp.name());
            nsp.onConnection(socket -> connectedSeen.add(nsp.name() + " " + socket.id()));
        });
        io.of(Pattern.compile("^/room-\\d+$"));

        io.of("/orders");
        io.of("/orders");
        Socket child = client("/room-7", "websocket");

        Await.until("the client joined the dynamic child", child::connected);
        Await.until("the listener saw the socket", () -> connectedSeen.size() == 1);
        assertEquals(List.of("/orders", "/room-7"), created);
        assertEquals("/room-7 " + child.id(), connectedSeen.get(0));
        assertEquals(Set.of("/", "/orders", "/room-7"),
                Set.copyOf(io.namespaces().stream().map(Namespace::name).toList()));
    }

    @Test
    void roomListenersHearTheOwnRoomJoinsLeavesAndEveryRoomLeftOnDisconnection() {
        List<String> changes = new CopyOnWriteArrayList<>();
        io.sockets().onRoomJoin((room, id) -> changes.add("join " + (room.equals(id) ? "self" : room)));
        io.sockets().onRoomLeave((room, id) -> changes.add("leave " + (room.equals(id) ? "self" : room)));
        io.onConnection(s -> {
            s.on("join", args -> s.join(args.getString(0)));
            s.on("leave", args -> s.leave(args.getString(0)));
        });

        Socket c = client("/", "websocket");
        Await.until("connected", c::connected);
        c.emit("join", "blue");
        c.emit("join", "blue");
        c.emit("leave", "red");
        c.emit("leave", "blue");
        c.emit("join", "green");
        Await.until("the joins and the leave", () -> changes.size() == 4);
        io.to("green").socketsJoin("yellow");
        Await.until("the server-side join", () -> changes.size() == 5);
        c.disconnect();
        Await.until("the leaves of the disconnection", () -> changes.size() == 8);

        assertEquals(List.of("join self", "join blue", "leave blue", "join green", "join yellow"),
                changes.subList(0, 5));
        assertEquals(Set.of("leave self", "leave green", "leave yellow"), Set.copyOf(changes.subList(5, 8)));
    }

    @Test
    void aRoomIsCreatedWithItsFirstSocketAndDeletedWithItsLast() {
        List<String> changes = new CopyOnWriteArrayList<>();
        io.sockets().onRoomCreate(room -> changes.add("create " + room));
        io.sockets().onRoomDelete(room -> changes.add("delete " + room));
        io.sockets().onRoomJoin((room, id) -> {
            if (room.equals("blue")) {
                changes.add("join blue");
            }
        });
        io.onConnection(s -> {
            s.on("join", args -> s.join(args.getString(0)));
            s.on("leave", args -> s.leave(args.getString(0)));
        });

        Socket first = client("/", "websocket");
        Socket second = client("/", "websocket");
        Await.until("connected", () -> first.connected() && second.connected());
        Await.until("both own rooms made", () -> changes.size() == 2);
        assertEquals(Set.of("create " + first.id(), "create " + second.id()), Set.copyOf(changes));
        changes.clear();
        first.emit("join", "blue");
        Await.until("the first join", () -> changes.size() == 2);
        second.emit("join", "blue");
        Await.until("the second join", () -> changes.size() == 3);
        first.emit("leave", "blue");
        String secondId = second.id();
        second.disconnect();
        Await.until("the room and the second socket's own room to go", () -> changes.size() == 5);

        assertEquals(List.of("create blue", "join blue", "join blue"), changes.subList(0, 3));
        assertEquals(Set.of("delete blue", "delete " + secondId), Set.copyOf(changes.subList(3, 5)));
    }

    @Test
    void aSocketExposesItsEngineIoConnectionAndItsCurrentTransport() {
        AtomicReference<io.socketeer.socketio.Socket> server = new AtomicReference<>();
        io.onConnection(server::set);

        Socket c = client("/", "polling");
        Await.until("connected", () -> server.get() != null);

        io.socketeer.socketio.Socket s = server.get();
        assertEquals(Transport.POLLING, s.conn().transport());
        assertTrue(s.conn().isOpen());
        assertEquals(s.conn(), io.engine().session(s.conn().id()));
        assertTrue(!s.conn().id().equals(s.id()), "the connection id is not the socket id");
        c.disconnect();
    }

    @Test
    void observersAddedToARunningServerAreCalledBesidesTheOneOfTheOptions() {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        io.addObserver(recorder(first));
        io.onConnection(s -> s.on("echo", (args, ack) -> ack.send(args.getString(0))));

        Socket c = client("/", "websocket");
        AtomicReference<Object> answer = new AtomicReference<>();
        Await.until("connected", c::connected);
        io.addObserver(recorder(second)); // joins while the connection is open
        c.emit("echo", new Object[] {"twelve bytes"}, args -> answer.set(args[0]));
        Await.until("answered", () -> answer.get() != null);
        c.disconnect();
        Await.until("both heard the close", () -> first.contains("closed") && second.contains("closed"));

        assertEquals(List.of("opened", "in 1", "socket /"), first.subList(0, 3)); // "in 1": the CONNECT "0"
        // the event 20["echo","twelve bytes"] and its answer 30["twelve bytes"], as Socket.IO packets
        assertTrue(second.contains("in 25") && second.contains("out 18"), second.toString());
        assertTrue(first.containsAll(List.of("in 25", "out 18")), first.toString());
        assertTrue(!second.contains("opened"), "the second came after the connection opened");
    }

    private static io.socketeer.socketio.SocketIoObserver recorder(List<String> seen) {
        return new io.socketeer.socketio.SocketIoObserver() {
            @Override
            public void connectionOpened(Transport transport) {
                seen.add("opened");
            }

            @Override
            public void socketConnected(String namespace) {
                seen.add("socket " + namespace);
            }

            @Override
            public void messageReceived(int bytes) {
                seen.add("in " + bytes);
            }

            @Override
            public void packetSent(List<io.socketeer.engineio.EngineIoMessage> messages) {
                messages.forEach(m -> seen.add("out " + m.size()));
            }

            @Override
            public void connectionClosed(Transport transport, io.socketeer.engineio.CloseReason reason) {
                seen.add("closed");
            }
        };
    }
}
