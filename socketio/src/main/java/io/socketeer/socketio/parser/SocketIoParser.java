package io.socketeer.socketio.parser;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.adapter.PacketType;

import java.util.List;

/**
 * A format of Socket.IO packets on the wire, as the {@code parser} option of the JavaScript server and client
 * chooses one: packets in, Engine.IO messages out, and back. The server creates one {@link Encoder} and one
 * {@link Decoder} per connection.
 *
 * <p>Whatever the parser, the server checks each decoded packet as it checks the default format's (known
 * type, an ack id for acknowledgements, a non-empty array with a usable event name for events, no reserved
 * event names) and closes the connection of a client that sends anything else.
 */
public interface SocketIoParser {

    /**
     * Creates the encoder of a server.
     *
     * @param options the server's options (the mapper converts values that are not JSON trees yet)
     * @return the encoder, used by every connection and thread of the server
     */
    Encoder newEncoder(SocketIoOptions options);

    /**
     * Creates the decoder of one connection.
     *
     * @param options the server's options
     * @param session the connection
     * @return the decoder that connection uses (a stateless decoder may be shared)
     */
    Decoder newDecoder(SocketIoOptions options, EngineIoSession session);

    /**
     * Writes packets as Engine.IO messages. Pure and thread-safe: a broadcast is encoded once and the same
     * messages go to every receiver.
     */
    interface Encoder {

        /**
         * Encodes a packet.
         *
         * @param type the type; {@link PacketType#EVENT} and {@link PacketType#ACK} whatever the data holds
         * @param namespace the namespace
         * @param id the ack id, or -1
         * @param data the payload, or {@code null}; binary values are
         *             {@link com.fasterxml.jackson.databind.node.BinaryNode}s, or {@code byte[]} in
         *             {@link com.fasterxml.jackson.databind.node.POJONode}s; other POJOs go through the mapper
         * @return the messages that carry it, in order; never modified afterwards
         */
        List<EngineIoMessage> encode(PacketType type, String namespace, long id, JsonNode data);
    }

    /**
     * Reads the packets of one connection from its Engine.IO messages, which arrive in order on the
     * connection's event loop. May keep state between messages (a packet spread over several of them).
     */
    interface Decoder {

        /**
         * Decodes one message.
         *
         * @param message the message; immutable
         * @return the packet this message completes, or {@code null} while it awaits more messages
         * @throws MalformedPacketException if the message does not follow the format; the connection is
         *         then closed with the reason {@code parse error}
         */
        DecodedPacket decode(EngineIoMessage message) throws MalformedPacketException;
    }
}
