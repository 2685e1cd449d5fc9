package com.example;

import io.socketeer.engineio.SessionCookie;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;
import java.time.Duration;

/** The README's example: a chat relay, an echo with acknowledgement, rooms, a greeting answered once. */
public class Hello {

    public static SocketIoServer create() {
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
                .engine(engine -> engine.maxPayload(100_000).pingInterval(Duration.ofSeconds(20))   // still /socket.io/
                        .cookie(SessionCookie.defaults()))                  // io=<sid>, for sticky load balancers
                .build());
        io.onConnection(socket -> {
            socket.on("chat", args -> io.emit("chat", args.get(0)));            // to everyone
            socket.on("echo", (args, ack) -> ack.send(args.toArray()));          // acknowledgement
            socket.on("join", args -> socket.join(args.getString(0)));          // rooms
            socket.on("dm", args -> io.to(args.getString(0)).emit("dm", socket.id(), args.get(1))); // one socket
            socket.on("add", (args, ack) -> ack.send(args.getDouble(0) + args.getDouble(1)));     // 40 + 2 -> 42
            socket.once("hello", (args, ack) -> ack.send("hello " + args.getString(0)));   // the first one only
            socket.onDisconnect(reason -> System.out.println(socket.id() + " left: " + reason));
        });
        return io;
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        InetSocketAddress address = create().start(port).join();
        System.out.println("listening on " + address);
    }
}
