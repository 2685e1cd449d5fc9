package io.socketeer.socketio.internal.parser;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.socketio.adapter.PacketType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes Socket.IO packets into the Engine.IO messages that carry them: the text packet, then one binary
 * message per attachment. Binary values ({@link com.fasterxml.jackson.databind.node.BinaryNode}) anywhere
 * in the data become {@code {"_placeholder":true,"num":N}} in order of appearance, and the type becomes
 * BINARY_EVENT or BINARY_ACK. JSON is compact, keeps key order and integer types, and writes non-finite
 * numbers as {@code null} as JavaScript does. Pure and thread-safe.
 */
public final class PacketEncoder {

    private final ObjectMapper mapper;
    private final JsonFactory factory;

    /**
     * Creates an encoder.
     *
     * @param mapper the mapper used for values that are not JSON trees yet
     */
    public PacketEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
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
    public List<EngineIoMessage> encode(PacketType type, String namespace, long id, JsonNode data) {
        List<byte[]> attachments = new ArrayList<>(0);
        byte[] json = null;
        if (data != null) {
            ByteArrayBuilder out = new ByteArrayBuilder(128);
            try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
                write(g, data, attachments);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json = out.toByteArray();
        }
        PacketType t = type;
        if (!attachments.isEmpty()) {
            t = type == PacketType.ACK ? PacketType.BINARY_ACK : type == PacketType.EVENT ? PacketType.BINARY_EVENT : type;
        }
        StringBuilder head = new StringBuilder(16).append('4').append(t.digit());
        if (t == PacketType.BINARY_EVENT || t == PacketType.BINARY_ACK) {
            head.append(attachments.size()).append('-');
        }
        if (!"/".equals(namespace)) {
            head.append(namespace).append(',');
        }
        if (id >= 0) {
            head.append(id);
        }
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] packet = new byte[h.length + (json == null ? 0 : json.length)];
        System.arraycopy(h, 0, packet, 0, h.length);
        if (json != null) {
            System.arraycopy(json, 0, packet, h.length, json.length);
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

    private void write(JsonGenerator g, JsonNode node, List<byte[]> attachments) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue(), attachments);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (int i = 0; i < node.size(); i++) {
                    write(g, node.get(i), attachments);
                }
                g.writeEndArray();
            }
            case BINARY -> {
                g.writeStartObject();
                g.writeBooleanField("_placeholder", true);
                g.writeNumberField("num", attachments.size());
                g.writeEndObject();
                attachments.add(node.binaryValue());
            }
            case POJO -> write(g, mapper.valueToTree(((POJONode) node).getPojo()), attachments);
            case NUMBER -> {
                if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                    g.writeNull();
                } else {
                    g.writeTree(node);
                }
            }
            default -> g.writeTree(node);
        }
    }
}
