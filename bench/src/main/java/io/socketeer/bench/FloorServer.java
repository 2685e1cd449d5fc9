package io.socketeer.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor: a bare Netty WebSocket server on one epoll thread that answers the generator's frames by their
 * prefix, with no Socket.IO work (no JSON, no namespaces, no session, no heartbeat). What it spends per operation
 * is the kernel's and Netty's share of the same exchange; a Socket.IO server cannot spend less on this transport.
 *
 * <p>It speaks just enough for the generator: the Engine.IO open packet once the WebSocket handshake is done,
 * {@code 40…} for a CONNECT, the frame's own bytes back for an event ({@code 42["echo",…]}), and {@code 43<id>[…]}
 * for an event with an acknowledgement id ({@code 42<id>["echoack",<args>]} answered with its arguments), and one
 * room: {@code 42["join",…]} puts the connection in it, {@code 42["fanout",<arg>]} writes {@code 42["fan",<arg>]}
 * to every connection in it, the WebSocket frame encoded once and shared. Answers are written as they are read and
 * flushed once per read batch, as our server coalesces its writes; a broadcast's receivers are flushed once per
 * read batch of the connection that sent it, so that the broadcasts of one batch share each receiver's write.
 * usage: {@code port}. Answers the {@link Admin} lines.
 */
public final class FloorServer {

    private static final ByteBuf OPEN = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
            "0{\"sid\":\"AAAAAAAAAAAAAAAAAAAA\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                    + "\"maxPayload\":1000000}", StandardCharsets.US_ASCII));
    private static final String JOIN = "42[\"join\",";
    private static final String FANOUT = "42[\"fanout\",";
    private static final byte[] FAN = "42[\"fan\",".getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf CONNECTED = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
            "40{\"sid\":\"BBBBBBBBBBBBBBBBBBBB\"}", StandardCharsets.US_ASCII));

    private FloorServer() {
    }

    /**
     * Starts the server and prints READY.
     *
     * @param args the port
     * @throws InterruptedException if interrupted while binding
     */
    public static void main(String[] args) throws InterruptedException {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Room room = new Room(); // one event loop: touched by that thread only
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/socket.io/").checkStartsWith(true).handleCloseFrames(true)
                .dropPongFrames(true).build();
        new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpServerCodec());
                        p.addLast(new HttpObjectAggregator(65536));
                        p.addLast(new WebSocketServerProtocolHandler(ws));
                        p.addLast(new Answers(room));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]))).sync();
        Admin.serve();
    }

    /** The one room, and whether a broadcast waits for its receivers' flush. */
    static final class Room {
        final List<Channel> members = new ArrayList<>();
        boolean unflushed;

        /** Writes {@code 42["fan",<arg>]} to every member: one WebSocket frame, encoded once, shared. */
        void broadcast(ByteBufAllocator alloc, ByteBuf in) {
            int args = in.readerIndex() + FANOUT.length();
            int length = FAN.length + in.writerIndex() - args;
            ByteBuf frame = alloc.buffer(10 + length).writeByte(0x81); // FIN, text
            if (length < 126) {
                frame.writeByte(length);
            } else if (length < 65536) {
                frame.writeByte(126).writeShort(length);
            } else {
                frame.writeByte(127).writeLong(length);
            }
            frame.writeBytes(FAN).writeBytes(in, args, in.writerIndex() - args);
            for (Channel member : members) {
                member.write(frame.retainedDuplicate(), member.voidPromise());
            }
            frame.release();
            unflushed = !members.isEmpty();
        }

        void flush() {
            if (unflushed) {
                unflushed = false;
                for (Channel member : members) {
                    member.flush();
                }
            }
        }
    }

    /** Answers one connection's text frames by prefix; flushes once per read batch. */
    static final class Answers extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        private final Room room;
        private boolean member;

        Answers(Room room) {
            super(false);
            this.room = room;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                ctx.writeAndFlush(new TextWebSocketFrame(OPEN.duplicate()), ctx.voidPromise());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ByteBuf in = frame.content();
            int at = in.readerIndex();
            int n = in.readableBytes();
            if (n < 2 || in.getByte(at) != '4') {
                frame.release(); // pong or anything else: nothing to answer
                return;
            }
            byte type = in.getByte(at + 1);
            if (type == '0') {
                frame.release();
                ctx.write(new TextWebSocketFrame(CONNECTED.duplicate()), ctx.voidPromise());
            } else if (type == '2' && Conn.startsWith(in, FANOUT)) {
                room.broadcast(ctx.alloc(), in);
                frame.release();
            } else if (type == '2' && Conn.startsWith(in, JOIN)) {
                frame.release();
                if (!member) {
                    member = true;
                    room.members.add(ctx.channel());
                }
            } else if (type == '2' && n > 2 && in.getByte(at + 2) == '[') {
                ctx.write(frame, ctx.voidPromise()); // an event: its own bytes back
            } else if (type == '2') {
                ctx.write(new TextWebSocketFrame(ack(ctx, in)), ctx.voidPromise());
                frame.release();
            } else {
                frame.release();
            }
        }

        /** {@code 42<id>["name",<args>]} → {@code 43<id>[<args>]}. */
        private static ByteBuf ack(ChannelHandlerContext ctx, ByteBuf in) {
            int at = in.readerIndex();
            int end = in.writerIndex();
            int bracket = in.indexOf(at + 2, end, (byte) '[');
            int comma = bracket < 0 ? -1 : in.indexOf(bracket, end, (byte) ',');
            ByteBuf out = ctx.alloc().buffer(in.readableBytes());
            out.writeByte('4').writeByte('3');
            if (bracket < 0) {
                return out.writeByte('[').writeByte(']');
            }
            out.writeBytes(in, at + 2, bracket + 1 - (at + 2));
            if (comma < 0) {
                return out.writeByte(']');
            }
            return out.writeBytes(in, comma + 1, end - (comma + 1));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            room.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (member) {
                room.members.remove(ctx.channel());
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
