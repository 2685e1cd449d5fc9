package com.example;

import io.socketeer.engineio.ConnectionError;
import io.socketeer.socketio.DynamicNamespace;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.SocketIoObserver;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * One namespace per document, made when its first editor arrives and gone with its last: {@code /doc-<id>}.
 * Editors join with a token, see who else is there ({@code presence}) and relay their edits to the others;
 * what the server refuses is logged, the way an operator finds a load balancer without sticky sessions.
 */
public class LiveDocuments {

    /** What the server logged, for the example's test. */
    public static final List<String> LOG = new CopyOnWriteArrayList<>();

    public static SocketIoServer create() {
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
                .cleanupEmptyChildNamespaces(true)              // a document's namespace goes with its last editor
                .observer(new SocketIoObserver() {
                    @Override
                    public void connectionError(ConnectionError e) {   // the reference's connection_error
                        log("refused " + e.method() + " " + e.uri() + ": " + e.message());
                    }
                })
                .build());

        DynamicNamespace documents = io.of(Pattern.compile("^/doc-[a-z0-9]{1,32}$"));
        documents.use((socket, next) -> {
            if (socket.handshake().auth().path("token").asText("").equals("secret")) {
                next.proceed();
            } else {
                next.fail("unauthorized");
            }
        });
        documents.onConnection(socket -> {
            Namespace doc = socket.namespace();
            doc.emit("presence", doc.sockets().size());                       // everyone, the newcomer too
            socket.on("edit", args -> socket.broadcast().emit("edit", args.get(0)));
            socket.onDisconnect(reason -> doc.emit("presence", doc.sockets().size()));
        });
        io.onNewNamespace(doc -> {
            log("opened " + doc.name());
            doc.onRoomDelete(room -> log(doc.name() + ": room " + room + " is empty"));
        });
        return io;
    }

    private static void log(String line) {
        LOG.add(line);
        System.out.println(line);
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        InetSocketAddress address = create().start(port).join();
        System.out.println("listening on " + address + "; connect with io(\"http://localhost:" + port
                + "/doc-readme\", { auth: { token: \"secret\" } })");
    }
}
