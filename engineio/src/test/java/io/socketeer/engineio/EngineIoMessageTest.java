package io.socketeer.engineio;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The immutable message value applications send.
 */
class EngineIoMessageTest {

    @Test
    void textMessageReportsItsTextAndUtf8Size() {
        EngineIoMessage m = EngineIoMessage.text("héllo");
        assertFalse(m.isBinary());
        assertEquals("héllo", m.text());
        assertEquals(6, m.size());
        assertThrows(IllegalStateException.class, m::data);
        assertThrows(IllegalStateException.class, m::dataView);
    }

    @Test
    void binaryMessageCopiesItsInputAndHandsOutCopies() {
        byte[] data = {1, 2, 3};
        EngineIoMessage m = EngineIoMessage.binary(data);
        data[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, m.data());
        m.data()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, m.data());
        assertEquals(3, m.size());
        assertTrue(m.isBinary());
        assertThrows(IllegalStateException.class, m::text);
    }

    @Test
    void binaryFromAByteBufferTakesTheRemainingBytesAndLeavesThePosition() {
        ByteBuffer buf = ByteBuffer.wrap(new byte[] {0, 1, 2, 3});
        buf.position(1);
        EngineIoMessage m = EngineIoMessage.binary(buf);
        assertArrayEquals(new byte[] {1, 2, 3}, m.data());
        assertEquals(1, buf.position());
    }

    @Test
    void dataViewIsReadOnly() {
        ByteBuffer view = EngineIoMessage.binary(new byte[] {1}).dataView();
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 2));
    }

    @Test
    void messagesAreEqualByKindAndBytes() {
        assertEquals(EngineIoMessage.text("a"), EngineIoMessage.text("a"));
        assertEquals(EngineIoMessage.text("a").hashCode(), EngineIoMessage.text("a").hashCode());
        assertNotEquals(EngineIoMessage.text("a"), EngineIoMessage.text("b"));
        // text "4a" is the bytes '4','a'; a binary message of the same bytes is still different
        assertNotEquals(EngineIoMessage.text("a"), EngineIoMessage.binary("4a".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void wrapsAnEncodedTextPacketOnlyIfItIsAMessage() {
        EngineIoMessage m = EngineIoMessage.wrapEncodedText("4hi".getBytes(StandardCharsets.UTF_8));
        assertEquals(EngineIoMessage.text("hi"), m);
        assertThrows(IllegalArgumentException.class, () -> EngineIoMessage.wrapEncodedText(new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> EngineIoMessage.wrapEncodedText("2".getBytes(StandardCharsets.UTF_8)));
    }
}
