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

import java.util.List;

/**
 * WebSocket transport: one frame per packet. Text packets go out as text frames holding the packet
 * ({@code 4hello}); binary messages as binary frames holding the bytes (v4), or the type byte 4 followed by
 * the bytes (v3). The encoded bytes of a message are wrapped, never copied, so one message can be written
 * to many sockets.
 */
public final class WebSocketTransport implements SessionTransport {

    private static final byte[] V3_BINARY_PREFIX = {(byte) PacketType.MESSAGE.ordinal()};

    private final Channel channel;
    private final int protocol;

    /**
     * Creates the transport.
     *
     * @param channel the WebSocket channel, past its handshake
     * @param protocol 3 or 4
     */
    public WebSocketTransport(Channel channel, int protocol) {
        this.channel = channel;
        this.protocol = protocol;
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
        for (EngineIoMessage p : packets) {
            channel.write(frame(p), channel.voidPromise());
        }
        channel.flush();
    }

    /**
     * Writes and flushes one packet.
     *
     * @param packet the packet
     */
    public void writeNow(EngineIoMessage packet) {
        channel.writeAndFlush(frame(packet), channel.voidPromise());
    }

    private WebSocketFrame frame(EngineIoMessage p) {
        byte[] bytes = MessageAccess.bytesOf(p);
        if (!p.isBinary()) {
            return new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
        }
        ByteBuf data = protocol == 3 ? Unpooled.wrappedBuffer(V3_BINARY_PREFIX, bytes) : Unpooled.wrappedBuffer(bytes);
        return new BinaryWebSocketFrame(data);
    }

    @Override
    public void close(boolean byClient) {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
