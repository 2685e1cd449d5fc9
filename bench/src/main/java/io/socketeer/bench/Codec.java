package io.socketeer.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.buffer.ByteBuf;
import io.socketeer.msgpack.MsgpackParser;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.parser.SocketIoParser;

/**
 * How Socket.IO packets travel between the generator and one variant of our server: the default JSON text
 * parser, the MessagePack parser (one binary frame per packet, {@code socket.io-msgpack-parser}), or JSON text
 * in frames compressed with permessage-deflate. The generator encodes with the same parser as the server, once.
 */
enum Codec {
    /** The default parser: {@code 42["echo",…]} in text frames. */
    JSON(Server.OURS, null),
    /** {@link MsgpackParser}: the map {@code {type, nsp, data}} in binary frames. */
    MSGPACK(Server.OURS_MSGPACK, null),
    /** The default parser, every message compressed (RFC 7692), the generator's each on its own. */
    DEFLATE(Server.OURS_DEFLATE, Frames.PERMESSAGE_DEFLATE);

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MsgpackEncoder MSGPACK_ENCODER = new MsgpackEncoder();

    private final Server server;
    private final String extensions;

    Codec(Server server, String extensions) {
        this.server = server;
        this.extensions = extensions;
    }

    /** @return the variant of our server that speaks this */
    Server server() {
        return server;
    }

    /** @return the {@code Sec-WebSocket-Extensions} offer of the upgrade request, or null */
    String extensions() {
        return extensions;
    }

    /** @return the pre-encoded frame that joins the main namespace */
    ByteBuf connectFrame() {
        return this == MSGPACK ? Frames.binary(MSGPACK_ENCODER.encode(PacketType.CONNECT, null)) : Frames.text("40");
    }

    /**
     * @param event the event name
     * @param arg   its one argument
     * @return the pre-encoded frame of the event on the main namespace, without acknowledgement
     */
    ByteBuf eventFrame(String event, JsonNode arg) {
        ArrayNode data = MAPPER.createArrayNode().add(event).add(arg);
        return switch (this) {
            case JSON -> Frames.text(jsonEvent(data));
            case MSGPACK -> Frames.binary(msgpackEvent(data));
            case DEFLATE -> Frames.deflatedText(jsonEvent(data));
        };
    }

    /** @return the Engine.IO message of a JSON event, e.g. {@code 42["echo",{…}]} */
    static String jsonEvent(ArrayNode data) {
        try {
            return "42" + MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** @return the binary message of a MessagePack event, as our parser (and socket.io-msgpack-parser) writes it */
    static byte[] msgpackEvent(ArrayNode data) {
        return MSGPACK_ENCODER.encode(PacketType.EVENT, data);
    }

    /**
     * @param message a binary message
     * @return the Socket.IO packet type of a MessagePack packet whose first key is {@code type} (our encoder's
     *         order), or -1
     */
    static int msgpackType(ByteBuf message) {
        int at = message.readerIndex();
        if (message.readableBytes() < 7 || (message.getUnsignedByte(at) & 0xf0) != 0x80
                || message.getUnsignedByte(at + 1) != 0xa4 || message.getByte(at + 2) != 't'
                || message.getByte(at + 3) != 'y' || message.getByte(at + 4) != 'p'
                || message.getByte(at + 5) != 'e') {
            return -1;
        }
        int type = message.getUnsignedByte(at + 6);
        return type < 0x80 ? type : -1;
    }

    /** Our MessagePack encoder, created once (the mapper of default options). */
    private static final class MsgpackEncoder {
        private final SocketIoParser.Encoder encoder =
                MsgpackParser.create().newEncoder(SocketIoOptions.builder().build());

        byte[] encode(PacketType type, JsonNode data) {
            return encoder.encode(type, "/", -1, data).get(0).data();
        }
    }
}
