package io.socketeer.bench;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.msgpack.MsgpackParser;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.SocketIoServer;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Our server with the benchmark's handlers: echo, acknowledged echo, join, fan-out to "room". One I/O thread,
 * listeners on it, the JSON parser, no compression. usage: {@code port [pool] [msgpack] [deflate]}; "pool" runs
 * the listeners on the default handler executor instead, "msgpack" uses the MessagePack parser, "deflate" offers
 * permessage-deflate on WebSockets. Answers the {@link Admin} lines.
 */
public final class OurServer {

    private OurServer() {
    }

    /**
     * Starts the server and prints READY.
     *
     * @param args the port, then any of "pool", "msgpack", "deflate"
     */
    public static void main(String[] args) {
        List<String> flags = List.of(args).subList(1, args.length);
        for (String f : flags) {
            if (!List.of("pool", "msgpack", "deflate").contains(f)) {
                throw new IllegalArgumentException("unknown flag " + f);
            }
        }
        SocketIoOptions.Builder options = SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().path("/socket.io/").httpCompression(false)
                        .perMessageDeflate(flags.contains("deflate")).build())
                .serveClient(false)
                .handlersOnEventLoop(!flags.contains("pool"))
                .ioThreads(1);
        if (flags.contains("msgpack")) {
            options.parser(MsgpackParser.create());
        }
        SocketIoServer io = SocketIoServer.create(options.build());
        io.onConnection(socket -> {
            socket.on("echo", a -> socket.emit("echo", a.toArray()));
            socket.on("echoack", (a, ack) -> ack.send(a.toArray()));
            socket.on("join", a -> socket.join(a.getString(0)));
            socket.on("fanout", a -> io.to("room").emit("fan", a.get(0)));
        });
        io.start(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]))).join();
        Admin.serve();
    }
}
