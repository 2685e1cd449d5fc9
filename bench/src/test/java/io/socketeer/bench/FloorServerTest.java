package io.socketeer.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FloorServerTest {

    private final FloorServer.Room room = new FloorServer.Room();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
    }

    private EmbeddedChannel connection() {
        EmbeddedChannel ch = new EmbeddedChannel(new FloorServer.Answers(room));
        channels.add(ch);
        return ch;
    }

    private static TextWebSocketFrame frame(String text) {
        return new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    /**
     * The next frame written and flushed, as text, or null if none: a frame object, or a text frame already
     * encoded (unmasked, as a server sends it).
     */
    private static String sent(EmbeddedChannel ch) {
        Object out = ch.readOutbound();
        if (out == null) {
            return null;
        }
        try {
            if (out instanceof TextWebSocketFrame f) {
                return f.text();
            }
            ByteBuf b = (ByteBuf) out;
            assertEquals(0x81, b.readUnsignedByte(), "FIN and the text opcode");
            int length = b.readUnsignedByte();
            if (length == 126) {
                length = b.readUnsignedShort();
            }
            assertEquals(length, b.readableBytes());
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            ReferenceCountUtil.release(out);
        }
    }

    @Test
    void anEventComesBackAsItWasAndAnAckedOneAsItsArguments() {
        EmbeddedChannel ch = connection();
        ch.writeInbound(frame("42[\"echo\",\"hi\"]"), frame("427[\"echoack\",\"a\",2]"), frame("42[\"x\"]"));
        assertEquals("42[\"echo\",\"hi\"]", sent(ch));
        assertEquals("437[\"a\",2]", sent(ch));
        assertEquals("42[\"x\"]", sent(ch));
        assertNull(sent(ch));
    }

    @Test
    void aBroadcastReachesEveryMemberRenamedButNotTheSenderNorOthers() {
        EmbeddedChannel a = connection();
        EmbeddedChannel b = connection();
        EmbeddedChannel outsider = connection();
        EmbeddedChannel sender = connection();
        a.writeInbound(frame("42[\"join\",\"room\"]"));
        b.writeInbound(frame("42[\"join\",\"room\"]"), frame("42[\"join\",\"room\"]")); // twice: one membership
        sender.writeInbound(frame("42[\"fanout\",\"payload\"]"));
        for (EmbeddedChannel member : List.of(a, b)) {
            assertEquals("42[\"fan\",\"payload\"]", sent(member));
            assertNull(sent(member));
        }
        assertNull(sent(outsider));
        assertNull(sent(sender));
    }

    @Test
    void theBroadcastsOfOneReadBatchAreFlushedTogetherWhenTheSendersBatchEnds() {
        EmbeddedChannel member = connection();
        EmbeddedChannel sender = connection();
        member.writeInbound(frame("42[\"join\",\"room\"]"));
        sender.pipeline().fireChannelRead(frame("42[\"fanout\",1]"));
        sender.pipeline().fireChannelRead(frame("42[\"fanout\",2]"));
        sender.runPendingTasks();
        assertNull(sent(member), "nothing flushed before the sender's read batch ends");
        sender.pipeline().fireChannelReadComplete();
        assertEquals("42[\"fan\",1]", sent(member));
        assertEquals("42[\"fan\",2]", sent(member));
        assertNull(sent(member));
    }

    @Test
    void aClosedMemberLeavesTheRoom() {
        EmbeddedChannel gone = connection();
        EmbeddedChannel stays = connection();
        EmbeddedChannel sender = connection();
        gone.writeInbound(frame("42[\"join\",\"room\"]"));
        stays.writeInbound(frame("42[\"join\",\"room\"]"));
        gone.close();
        assertEquals(List.of(stays), room.members);
        sender.writeInbound(frame("42[\"fanout\",\"x\"]"));
        assertEquals("42[\"fan\",\"x\"]", sent(stays));
    }

    @Test
    void aBroadcastOfMoreThan125BytesCarriesATwoByteLength() {
        EmbeddedChannel member = connection();
        EmbeddedChannel sender = connection();
        member.writeInbound(frame("42[\"join\",\"room\"]"));
        String big = "\"" + "x".repeat(300) + "\"]";
        sender.writeInbound(frame("42[\"fanout\"," + big));
        assertEquals("42[\"fan\"," + big, sent(member));
    }
}
