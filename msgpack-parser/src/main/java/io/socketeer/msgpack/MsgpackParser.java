package io.socketeer.msgpack;

import io.socketeer.engineio.EngineIoSession;
import io.socketeer.msgpack.internal.MsgpackDecoder;
import io.socketeer.msgpack.internal.MsgpackEncoder;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.parser.SocketIoParser;

/**
 * The parser of {@code socket.io-msgpack-parser} 3.x (npm): every packet is one binary Engine.IO message
 * holding a MessagePack map {@code {type, nsp, data, id}}, written as its codec {@code notepack.io} 2.2 writes
 * it. Binary values travel inline as MessagePack {@code bin}, with no placeholders or attachments.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
 *         .parser(MsgpackParser.create())
 *         .build());
 * }</pre>
 *
 * <p>The clients must use the same parser: {@code io(url, { parser: require("socket.io-msgpack-parser") })},
 * or the {@code socket.io.msgpack.min.js} bundle the server serves. Values map as in JavaScript: integers in
 * the smallest format, other numbers as float 64 (whole doubles as integers), {@code byte[]} and binary nodes
 * as {@code bin}. From clients, {@code bin} and notepack's {@code ArrayBuffer} extension become binary nodes,
 * a {@code Date} its ISO-8601 text, {@code undefined} an absent key (or {@code null} in an array), any other
 * extension {@code [type, bytes]} as notepack decodes it. A message that is not one well-formed packet closes
 * the client's connection ({@code parse error}).
 *
 * <p>For Socket.IO protocol v5 clients (socket.io-client 3.x and 4.x). Immutable and thread-safe.
 */
public final class MsgpackParser implements SocketIoParser {

    private static final MsgpackParser INSTANCE = new MsgpackParser();

    private MsgpackParser() {
    }

    /** @return the parser */
    public static MsgpackParser create() {
        return INSTANCE;
    }

    @Override
    public Encoder newEncoder(SocketIoOptions options) {
        return new MsgpackEncoder(options.mapper());
    }

    @Override
    public Decoder newDecoder(SocketIoOptions options, EngineIoSession session) {
        return MsgpackDecoder.INSTANCE;
    }

    @Override
    public String toString() {
        return "MsgpackParser";
    }
}
