package io.socketeer.engineio.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.socketeer.engineio.EngineIoMessage;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Protocol v4 long-polling payloads: packets joined by the record separator {@code 0x1e}; binary data
 * travels as {@code b} followed by standard base64 (protocol v4 §"HTTP long-polling").
 */
public final class PayloadV4 {

    /** The record separator between packets. */
    public static final byte SEPARATOR = 0x1e;

    private PayloadV4() {
    }

    /**
     * Encodes packets into one payload.
     *
     * @param packets at least one packet
     * @param alloc the allocator for the result
     * @return the payload; the caller owns it
     */
    public static ByteBuf encode(List<EngineIoMessage> packets, ByteBufAllocator alloc) {
        int size = 0;
        for (EngineIoMessage p : packets) {
            int n = MessageAccess.bytesOf(p).length;
            size += 1 + (p.isBinary() ? 1 + (n + 2) / 3 * 4 : n);
        }
        ByteBuf out = alloc.buffer(size);
        boolean first = true;
        for (EngineIoMessage p : packets) {
            if (!first) {
                out.writeByte(SEPARATOR);
            }
            first = false;
            byte[] bytes = MessageAccess.bytesOf(p);
            if (p.isBinary()) {
                out.writeByte('b');
                out.writeBytes(Base64.getEncoder().encode(bytes));
            } else {
                out.writeBytes(bytes);
            }
        }
        return out;
    }

    /**
     * Decodes a payload.
     *
     * @param body the readable bytes of a request body; not released, its reader index not moved
     * @return the packets, in order
     * @throws ParseException if any packet is empty, of an unknown type, or has invalid base64
     */
    public static List<EngineIoMessage> decode(ByteBuf body) throws ParseException {
        List<EngineIoMessage> packets = new ArrayList<>(2);
        int start = body.readerIndex();
        int end = body.writerIndex();
        if (start == end) {
            throw new ParseException("empty payload");
        }
        while (true) {
            int sep = body.indexOf(start, end, SEPARATOR);
            int stop = sep < 0 ? end : sep;
            packets.add(decodePacket(body, start, stop));
            if (sep < 0) {
                return packets;
            }
            start = sep + 1;
        }
    }

    private static EngineIoMessage decodePacket(ByteBuf body, int from, int to) throws ParseException {
        int length = to - from;
        if (length == 0) {
            throw new ParseException("empty packet");
        }
        if (body.getByte(from) == 'b') {
            byte[] b64 = new byte[length - 1];
            body.getBytes(from + 1, b64);
            try {
                return Packets.binary(Base64.getDecoder().decode(b64));
            } catch (IllegalArgumentException e) {
                throw new ParseException("invalid base64");
            }
        }
        byte[] bytes = new byte[length];
        body.getBytes(from, bytes);
        return Packets.decodeText(bytes);
    }
}
