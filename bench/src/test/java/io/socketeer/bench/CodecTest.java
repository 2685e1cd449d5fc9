package io.socketeer.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest {

    @Test
    void argumentsHaveExactlyTheirJsonSizeAndVaryByVariant() throws Exception {
        for (int size : new int[] {32, 1024}) {
            Set<String> texts = new HashSet<>();
            for (int variant = 0; variant < 50; variant++) {
                ObjectNode arg = CodecScenario.argument(size, variant);
                assertEquals(size, Codec.MAPPER.writeValueAsString(arg).length(), "size " + size);
                texts.add(arg.get("text").asText());
            }
            assertTrue(texts.size() > 10, "variants differ: " + texts.size());
        }
        assertThrows(IllegalArgumentException.class, () -> CodecScenario.argument(10, 0));
    }

    @Test
    void jsonEventsAreMessagePacketsOfTheEventArray() {
        ObjectNode arg = Codec.MAPPER.createObjectNode().put("user", "ada");
        assertEquals("42[\"echo\",{\"user\":\"ada\"}]",
                Codec.jsonEvent(Codec.MAPPER.createArrayNode().add("echo").add(arg)));
    }

    @Test
    void msgpackEventsAreTypeNspDataMapsAsSocketIoMsgpackParserWritesThem() throws Exception {
        byte[] event = Codec.msgpackEvent(Codec.MAPPER.createArrayNode().add("echo")
                .add(Codec.MAPPER.createObjectNode().put("user", "ada")));
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(event)) {
            assertEquals(3, u.unpackMapHeader());
            assertEquals("type", u.unpackString());
            assertEquals(2, u.unpackInt());
            assertEquals("nsp", u.unpackString());
            assertEquals("/", u.unpackString());
            assertEquals("data", u.unpackString());
            assertEquals(2, u.unpackArrayHeader());
            assertEquals("echo", u.unpackString());
            assertEquals(1, u.unpackMapHeader());
            assertEquals("user", u.unpackString());
            assertEquals("ada", u.unpackString());
            assertTrue(!u.hasNext());
        }
        assertEquals(2, Codec.msgpackType(Unpooled.wrappedBuffer(event)));
        assertEquals(-1, Codec.msgpackType(Unpooled.wrappedBuffer(new byte[] {'4', '2', '[', ']', 0, 0, 0})));
    }
}
