package io.socketeer.engineio;

import io.socketeer.engineio.internal.protocol.MessageAccess;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An Engine.IO packet, encoded once and immutable, so that one instance can be sent to many sessions.
 *
 * <p>Applications create {@linkplain #text(String) text} and {@linkplain #binary(byte[]) binary} message
 * packets. A text packet keeps its UTF-8 form with the leading packet-type digit ({@code 4hello}), which is
 * exactly what a WebSocket text frame or a v4 polling payload carries, so sending it to a thousand sessions
 * copies nothing. A binary packet keeps the raw bytes.
 */
public final class EngineIoMessage {

    static {
        MessageAccess.install(new MessageAccess() {
            @Override
            protected byte[] bytes(EngineIoMessage message) {
                return message.bytes;
            }

            @Override
            protected EngineIoMessage create(boolean binary, byte[] bytes) {
                return new EngineIoMessage(binary, bytes);
            }

            @Override
            protected int countWriteOf(EngineIoMessage message) {
                return ++message.writes; // racy on purpose: a lost count only delays sharing by a write
            }

            @Override
            protected Object sharedFrameOf(EngineIoMessage message) {
                return message.sharedFrame;
            }

            @Override
            protected void keepSharedFrame(EngineIoMessage message, Object frame) {
                message.sharedFrame = frame;
            }
        });
    }

    private final boolean binary;
    /** Text: UTF-8 of the type digit followed by the data. Binary: the raw data. Never modified. */
    private final byte[] bytes;
    /** How many WebSocket connections this message was written to (approximately), see sharedFrame. */
    private int writes;
    /** The WebSocket frame of a message written to many connections, encoded once (transport's business). */
    private volatile Object sharedFrame;

    private EngineIoMessage(boolean binary, byte[] bytes) {
        this.binary = binary;
        this.bytes = bytes;
    }

    /**
     * Creates a text message packet.
     *
     * @param text the data, any string
     * @return the packet
     */
    public static EngineIoMessage text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] encoded = new byte[utf8.length + 1];
        encoded[0] = '4';
        System.arraycopy(utf8, 0, encoded, 1, utf8.length);
        return new EngineIoMessage(false, encoded);
    }

    /**
     * Creates a binary message packet from a copy of {@code data}.
     *
     * @param data the bytes
     * @return the packet
     */
    public static EngineIoMessage binary(byte[] data) {
        return new EngineIoMessage(true, data.clone());
    }

    /**
     * Creates a binary message packet from the remaining bytes of {@code data}, which are copied.
     *
     * @param data the bytes; its position is not changed
     * @return the packet
     */
    public static EngineIoMessage binary(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return new EngineIoMessage(true, copy);
    }

    /**
     * Wraps an already encoded text message packet without copying: UTF-8 bytes that start with the message
     * type digit {@code 4}. For codecs layered on top that build the packet bytes themselves; the array is
     * handed over and must not be modified afterwards.
     *
     * @param encoded {@code 4} followed by the UTF-8 data
     * @return the packet
     * @throws IllegalArgumentException if the array does not start with {@code 4}
     */
    public static EngineIoMessage wrapEncodedText(byte[] encoded) {
        if (encoded.length == 0 || encoded[0] != '4') {
            throw new IllegalArgumentException("not an encoded message packet");
        }
        return new EngineIoMessage(false, encoded);
    }

    /**
     * Wraps binary data without copying; the array is handed over and must not be modified afterwards.
     *
     * @param data the bytes
     * @return the packet
     */
    public static EngineIoMessage wrapBinary(byte[] data) {
        return new EngineIoMessage(true, data);
    }

    /**
     * Tells whether this is a binary packet.
     *
     * @return {@code true} for binary data, {@code false} for text
     */
    public boolean isBinary() {
        return binary;
    }

    /**
     * Returns the data of a text packet.
     *
     * @return the text, without the packet-type digit
     * @throws IllegalStateException if this is a binary packet
     */
    public String text() {
        if (binary) {
            throw new IllegalStateException("binary packet");
        }
        return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
    }

    /**
     * Reads the data of a text packet where it lies, without copying it.
     *
     * @param reader gets the UTF-8 bytes of the text (the packet-type digit excluded); it must neither modify
     *               the array nor keep it
     * @param <R> what the reader returns
     * @param <E> what the reader may throw
     * @return what the reader returned
     * @throws E if the reader throws it
     * @throws IllegalStateException if this is a binary packet
     */
    public <R, E extends Exception> R readText(TextReader<R, E> reader) throws E {
        if (binary) {
            throw new IllegalStateException("binary packet");
        }
        return reader.read(bytes, 1, bytes.length - 1);
    }

    /**
     * Reads the UTF-8 bytes of a text packet in place; see {@link #readText(TextReader)}.
     *
     * @param <R> what it returns
     * @param <E> what it may throw
     */
    @FunctionalInterface
    public interface TextReader<R, E extends Exception> {

        /**
         * Reads the text.
         *
         * @param utf8 an array holding the text; not to be modified or kept
         * @param offset where the text starts
         * @param length its length in bytes
         * @return anything
         * @throws E anything
         */
        R read(byte[] utf8, int offset, int length) throws E;
    }

    /**
     * Returns a copy of the data of a binary packet.
     *
     * @return the bytes
     * @throws IllegalStateException if this is a text packet
     */
    public byte[] data() {
        if (!binary) {
            throw new IllegalStateException("text packet");
        }
        return bytes.clone();
    }

    /**
     * Returns a read-only view of the data of a binary packet, without copying.
     *
     * @return the bytes
     * @throws IllegalStateException if this is a text packet
     */
    public ByteBuffer dataView() {
        if (!binary) {
            throw new IllegalStateException("text packet");
        }
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * Returns the number of data bytes: the UTF-8 length of the text, or the length of the binary data.
     *
     * @return the length in bytes
     */
    public int size() {
        return binary ? bytes.length : bytes.length - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngineIoMessage other && other.binary == binary && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + (binary ? 1 : 0);
    }

    @Override
    public String toString() {
        if (binary) {
            return "EngineIoMessage[binary, " + bytes.length + " bytes]";
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        return "EngineIoMessage[" + (s.length() > 64 ? s.substring(0, 64) + "…" : s) + "]";
    }
}
