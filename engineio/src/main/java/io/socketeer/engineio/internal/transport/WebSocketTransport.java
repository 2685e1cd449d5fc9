package io.socketeer.engineio.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.Transport;
import io.socketeer.engineio.internal.protocol.MessageAccess;
import io.socketeer.engineio.internal.protocol.PacketType;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * WebSocket transport: one frame per packet. Text packets go out as text frames holding the packet
 * ({@code 4hello}); binary messages as binary frames holding the bytes (v4), or the type byte 4 followed by
 * the bytes (v3).
 *
 * <p>Unless an extension may rewrite this connection's frames (permessage-deflate), the transport writes the
 * frames' bytes itself (RFC 6455 §5.2, server frames are unmasked): straight into one pooled buffer for a
 * message written once, and, for a message written to many connections (a broadcast), encoded once into a
 * buffer every connection writes a view of.
 */
public final class WebSocketTransport implements SessionTransport {

    private static final byte[] V3_BINARY_PREFIX = {(byte) PacketType.MESSAGE.ordinal()};

    /** A message written to this many connections has its frame encoded once and shared. */
    private static final int SHARE_FROM = 2;
    /** The largest shared frame kept in direct memory. */
    private static final int SHARED_DIRECT_MAX = 8 * 1024;

    private final Channel channel;
    private final int protocol;
    private final boolean rawFrames;

    /**
     * Creates the transport.
     *
     * @param channel the WebSocket channel, past its handshake
     * @param protocol 3 or 4
     * @param rawFrames whether the transport may write encoded frames itself: no extension (permessage-deflate)
     *                  can be active on the channel
     */
    public WebSocketTransport(Channel channel, int protocol, boolean rawFrames) {
        this.channel = channel;
        this.protocol = protocol;
        this.rawFrames = rawFrames;
    }

    /** @return the channel */
    public Channel channel() {
        return channel;
    }

    @Override
    public Transport name() {
        return Transport.WEBSOCKET;
    }

    /**
     * Writable while the channel is open and below its high write-buffer watermark: past it, packets wait
     * in the session's queue (bounded) instead of piling up in the channel without limit.
     */
    @Override
    public boolean writable() {
        return channel.isActive() && channel.isWritable();
    }

    @Override
    public void write(List<EngineIoMessage> packets) {
        for (int i = 0, n = packets.size(); i < n; i++) {
            channel.write(outbound(packets.get(i)), channel.voidPromise());
        }
        channel.flush();
    }

    /**
     * Writes and flushes one packet.
     *
     * @param packet the packet
     */
    public void writeNow(EngineIoMessage packet) {
        channel.writeAndFlush(outbound(packet), channel.voidPromise());
    }

    /**
     * @param packet a packet
     * @return the packet as this transport writes it to its channel (a frame, or its bytes), for a caller that
     *         writes it itself
     */
    public Object encoded(EngineIoMessage packet) {
        return outbound(packet);
    }

    private Object outbound(EngineIoMessage p) {
        if (!rawFrames) {
            return frame(p);
        }
        Object shared = MessageAccess.sharedFrame(p);
        if (shared != null) {
            return ((ByteBuf) shared).duplicate();
        }
        if (MessageAccess.countWrite(p) >= SHARE_FROM) {
            // A broadcast: the frame encoded once, which every connection writes a view of. It is never
            // released (unreleasable); the garbage collector takes it with the message. Small frames go in a
            // JDK direct buffer the socket writes from without a copy (its memory is freed with it by the
            // JDK's cleaner); large ones on the heap, so that a burst of large broadcasts cannot pile up
            // direct memory between collections.
            int length = frameLength(p);
            ByteBuf frame = length <= SHARED_DIRECT_MAX
                    ? Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(length)).clear()
                    : Unpooled.buffer(length);
            frame = Unpooled.unreleasableBuffer(encode(p, frame).asReadOnly());
            MessageAccess.sharedFrame(p, frame);
            return frame.duplicate();
        }
        return encode(p, channel.alloc().directBuffer(frameLength(p)));
    }

    private int payloadLength(EngineIoMessage p) {
        return MessageAccess.bytesOf(p).length + (p.isBinary() && protocol == 3 ? 1 : 0);
    }

    private int frameLength(EngineIoMessage p) {
        int len = payloadLength(p);
        return len + (len < 126 ? 2 : len <= 0xFFFF ? 4 : 10);
    }

    /** Writes the frame: FIN, opcode, the unmasked length (RFC 6455 §5.2), the payload. */
    private ByteBuf encode(EngineIoMessage p, ByteBuf out) {
        byte[] bytes = MessageAccess.bytesOf(p);
        int len = payloadLength(p);
        out.writeByte(p.isBinary() ? 0x82 : 0x81);
        if (len < 126) {
            out.writeByte(len);
        } else if (len <= 0xFFFF) {
            out.writeByte(126);
            out.writeShort(len);
        } else {
            out.writeByte(127);
            out.writeLong(len);
        }
        if (p.isBinary() && protocol == 3) {
            out.writeByte(V3_BINARY_PREFIX[0]);
        }
        out.writeBytes(bytes);
        return out;
    }

    private WebSocketFrame frame(EngineIoMessage p) {
        byte[] bytes = MessageAccess.bytesOf(p);
        if (!p.isBinary()) {
            return new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
        }
        ByteBuf data = protocol == 3 ? Unpooled.wrappedBuffer(V3_BINARY_PREFIX, bytes) : Unpooled.wrappedBuffer(bytes);
        return new BinaryWebSocketFrame(data);
    }

    /**
     * Sends a close frame and closes once it is written; a channel past its high watermark (a peer that stopped
     * reading, as when the session closes with a full buffer) is closed at once: a close frame queued behind
     * what the peer does not read would keep the connection, and all that is queued on it, until the peer
     * goes away.
     */
    @Override
    public void close(boolean byClient) {
        if (channel.isActive() && channel.isWritable()) {
            Object close = rawFrames ? ControlFrames.close(1000) : new CloseWebSocketFrame(1000, "");
            channel.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
