package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.parser.SocketIoParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes Socket.IO packets into the Engine.IO messages that carry them: the text packet, then one binary
 * message per attachment. Binary values ({@link com.fasterxml.jackson.databind.node.BinaryNode}) anywhere
 * in the data become {@code {"_placeholder":true,"num":N}} in order of appearance, and the type becomes
 * BINARY_EVENT or BINARY_ACK. JSON is compact, keeps key order and integer types, and writes non-finite
 * numbers as {@code null} as JavaScript does. Pure and thread-safe.
 */
public final class PacketEncoder implements SocketIoParser.Encoder {

    private final ObjectMapper mapper;

    /**
     * Creates an encoder.
     *
     * @param mapper the mapper used for values that are not JSON trees yet
     */
    public PacketEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Encodes a packet.
     *
     * @param type the type; EVENT and ACK turn into their binary variants when the data holds binary
     * @param namespace the namespace
     * @param id the ack id, or -1
     * @param data the payload, or {@code null}
     * @return the messages, text first
     */
    @Override
    public List<EngineIoMessage> encode(PacketType type, String namespace, long id, JsonNode data) {
        List<byte[]> attachments = List.of();
        JsonWriter json = null;
        if (data != null) {
            attachments = new ArrayList<>(0);
            json = JsonWriter.local();
            json.write(data, mapper, attachments);
        }
        PacketType t = type;
        if (!attachments.isEmpty()) {
            t = type == PacketType.ACK ? PacketType.BINARY_ACK : type == PacketType.EVENT ? PacketType.BINARY_EVENT : type;
        }
        // the header: '4' (Engine.IO message), type, [attachments '-'], [namespace ','], [ack id]
        boolean binary = t == PacketType.BINARY_EVENT || t == PacketType.BINARY_ACK;
        int countDigits = binary ? digits(attachments.size()) : 0;
        byte[] nsp = "/".equals(namespace) ? null : namespace.getBytes(StandardCharsets.UTF_8);
        int ackDigits = id >= 0 ? digits(id) : 0;
        int headerLength = 2 + (binary ? countDigits + 1 : 0) + (nsp == null ? 0 : nsp.length + 1) + ackDigits;
        byte[] packet = new byte[headerLength + (json == null ? 0 : json.length())];
        int p = 0;
        packet[p++] = '4';
        packet[p++] = (byte) t.digit();
        if (binary) {
            p = writeDigits(attachments.size(), countDigits, packet, p);
            packet[p++] = '-';
        }
        if (nsp != null) {
            System.arraycopy(nsp, 0, packet, p, nsp.length);
            p += nsp.length;
            packet[p++] = ',';
        }
        p = writeDigits(id, ackDigits, packet, p);
        if (json != null) {
            json.copyTo(packet, p);
        }
        EngineIoMessage text = EngineIoMessage.wrapEncodedText(packet);
        if (attachments.isEmpty()) {
            return List.of(text);
        }
        List<EngineIoMessage> messages = new ArrayList<>(attachments.size() + 1);
        messages.add(text);
        for (byte[] a : attachments) {
            messages.add(EngineIoMessage.wrapBinary(a));
        }
        return messages;
    }

    /** @return the number of decimal digits of a non-negative number */
    private static int digits(long n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    /**
     * Writes a non-negative number in decimal.
     *
     * @param n the number
     * @param digits its number of digits ({@link #digits}); 0 writes nothing
     * @param dest the destination
     * @param at where the first digit goes
     * @return the index after the last digit
     */
    private static int writeDigits(long n, int digits, byte[] dest, int at) {
        long rest = n;
        for (int i = at + digits - 1; i >= at; i--) {
            dest[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return at + digits;
    }
}
