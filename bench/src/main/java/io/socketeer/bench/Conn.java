package io.socketeer.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One generator connection: a WebSocket on raw bytes. It reads the HTTP 101 answer, then server frames (RFC 6455
 * §5.2, unmasked) straight from the cumulation buffer, answers Engine.IO pings, and hands every other Engine.IO
 * message to its {@link Listener} as a slice that is valid during the call only.
 *
 * <p>Two ways in, as the JavaScript client does them: WebSocket-direct (the open packet, then {@code 40} and its
 * answer), or the WebSocket probe of a session opened over polling ({@code 2probe}, {@code 3probe} and, once the
 * pending poll is answered, {@code 5}; one echo then proves the upgraded session works). {@link #ready} completes
 * when the connection has joined the main namespace. Everything runs on the generator's single event loop.
 *
 * <p>A connection speaks one {@link Codec}: with MessagePack it joins with a binary CONNECT packet and hands
 * binary messages to the listener like text ones; with permessage-deflate it offers the extension, insists that
 * the server accepts it, and inflates compressed server messages (the server keeps its compression context from
 * message to message, so every one is inflated, in order) before handling them. It counts the bytes it reads and
 * writes on its socket.
 */
final class Conn extends ByteToMessageDecoder {

    /** Receives the Engine.IO messages of a ready connection. */
    interface Listener {
        /**
         * One Engine.IO message packet (type 4) or any packet other than ping, text or binary.
         *
         * @param conn    the connection
         * @param payload the message, e.g. {@code 42["echo","x"]} or a MessagePack packet (inflated when it came
         *                compressed); valid during the call only
         */
        void onMessage(Conn conn, ByteBuf payload);
    }

    private static final Listener IGNORE = (c, p) -> { };
    private static final ByteBuf CRLFCRLF = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    private static final ByteBuf PONG = Frames.text("3");
    private static final ByteBuf CONNECT_MSGPACK = Codec.MSGPACK.connectFrame();
    private static final ByteBuf CONNECT = Frames.text("40");
    private static final byte[] SYNC_TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    private static final ByteBuf PROBE = Frames.text("2probe");
    private static final ByteBuf UPGRADE = Frames.text("5");
    private static final ByteBuf UPGRADE_ECHO = Frames.text(Frames.event(-1, "echo", "upgraded"));

    private enum State { HTTP, OPEN, CONNECT, PROBE, UPGRADED, READY }

    /** Completes when the connection has joined the main namespace; fails if it closes before. */
    final CompletableFuture<Conn> ready = new CompletableFuture<>();
    /** Send times of the messages this connection awaits answers to, oldest first. */
    final LongQueue inflight = new LongQueue();
    /** A counter a scenario may use (e.g. the next acknowledgement id). */
    int seq;

    /** Bytes read from the socket so far (HTTP answer and frames, headers included). */
    long bytesRead;
    /** Bytes of frames written to the socket so far (not counting the upgrade request). */
    long bytesWritten;

    private final boolean probe;
    private final Codec codec;
    private volatile Listener listener = IGNORE;
    private State state = State.HTTP;
    private Channel channel;
    private Channel polling;
    private boolean probed;
    private boolean pollDone;
    private ByteBuf fragments;
    private int fragmentsOpcode;
    private boolean fragmentsCompressed;
    private Inflater inflater;
    private byte[] inflateIn = new byte[0];
    private byte[] inflateOut = new byte[4096];

    /**
     * @param probe true for the WebSocket of a session opened over polling
     */
    Conn(boolean probe) {
        this(probe, Codec.JSON);
    }

    /**
     * @param probe true for the WebSocket of a session opened over polling (JSON only)
     * @param codec how packets are encoded and frames compressed
     */
    Conn(boolean probe, Codec codec) {
        if (probe && codec != Codec.JSON) {
            throw new IllegalArgumentException("the polling upgrade is JSON only");
        }
        this.probe = probe;
        this.codec = codec;
    }

    /** @param listener receives the messages from now on */
    void listener(Listener listener) {
        this.listener = listener;
    }

    /** Writes a pre-encoded frame ({@link Frames#text}) and flushes. */
    void send(ByteBuf frame) {
        bytesWritten += frame.readableBytes();
        channel.writeAndFlush(frame.retainedDuplicate(), channel.voidPromise());
    }

    /** Closes the TCP connection (no close frame: the servers see a transport close). */
    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    /** @return the channel, once active */
    Channel channel() {
        return channel;
    }

    /** The polling connection of the session, closed once the upgrade is done. */
    void polling(Channel pollingChannel) {
        this.polling = pollingChannel;
    }

    /** The pending poll was answered (with a noop): the client may now send the upgrade packet. */
    void pollDone() {
        pollDone = true;
        maybeUpgrade();
    }

    void fail(Throwable cause) {
        ready.completeExceptionally(cause);
        close();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.completeExceptionally(new IllegalStateException("closed in state " + state));
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.completeExceptionally(cause);
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            bytesRead += bytes.readableBytes();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.HTTP) {
            int end = ByteBufUtil.indexOf(CRLFCRLF, in);
            if (end < 0) {
                return;
            }
            String status = in.toString(in.readerIndex(), Math.min(12, end - in.readerIndex()),
                    StandardCharsets.US_ASCII);
            String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
            in.readerIndex(end + 4);
            if (!status.equals("HTTP/1.1 101")) {
                fail(new IllegalStateException("upgrade refused: " + status));
                return;
            }
            if (codec.extensions() != null && !accepted(head)) {
                fail(new IllegalStateException("permessage-deflate not accepted: " + head));
                return;
            }
            if (probe) {
                state = State.PROBE;
                send(PROBE);
            } else {
                state = State.OPEN;
            }
        }
        while (ctx.channel().isOpen()) {
            int readable = in.readableBytes();
            if (readable < 2) {
                return;
            }
            int at = in.readerIndex();
            int b0 = in.getUnsignedByte(at);
            int b1 = in.getUnsignedByte(at + 1);
            int len7 = b1 & 0x7f;
            int header = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
            if ((b1 & 0x80) != 0) { // RFC 6455 §5.1: a client closes on a masked server frame
                fail(new IllegalStateException("masked server frame"));
                return;
            }
            if (readable < header) {
                return;
            }
            long length = len7 < 126 ? len7 : len7 == 126 ? in.getUnsignedShort(at + 2) : in.getLong(at + 2);
            if (readable < header + length) {
                return;
            }
            ByteBuf payload = in.slice(at + header, (int) length);
            in.readerIndex(at + header + (int) length);
            boolean rsv1 = (b0 & 0x40) != 0;
            if (rsv1 && codec != Codec.DEFLATE) { // RFC 6455 §5.2: no extension negotiated, no RSV bit
                fail(new IllegalStateException("RSV1 without permessage-deflate"));
                return;
            }
            frame(ctx, (b0 & 0x80) != 0, rsv1, b0 & 0x0f, payload);
        }
    }

    /** @return whether the 101 answer accepts permessage-deflate */
    private static boolean accepted(String head) {
        for (String line : head.split("\r\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("sec-websocket-extensions:") && l.contains("permessage-deflate")) {
                return true;
            }
        }
        return false;
    }

    private void frame(ChannelHandlerContext ctx, boolean fin, boolean rsv1, int opcode, ByteBuf payload) {
        switch (opcode) {
            case 0x0, 0x1, 0x2 -> {
                if (!fin || fragments != null) { // fragmented message (RFC 6455 §5.4): rare, so copied
                    if (fragments == null) {
                        fragments = ctx.alloc().heapBuffer();
                        fragmentsOpcode = opcode;
                        fragmentsCompressed = rsv1; // RFC 7692 §6.1: RSV1 on the first frame only
                    }
                    fragments.writeBytes(payload);
                    if (fin) {
                        ByteBuf whole = fragments;
                        fragments = null;
                        try {
                            message(fragmentsOpcode, fragmentsCompressed, whole);
                        } finally {
                            whole.release();
                        }
                    }
                } else {
                    message(opcode, rsv1, payload);
                }
            }
            case 0x8 -> ctx.close();
            case 0x9 -> {
                ByteBuf pong = Unpooled.wrappedBuffer(Frames.encode(0xA, ByteBufUtil.getBytes(payload)));
                bytesWritten += pong.readableBytes();
                ctx.writeAndFlush(pong);
            }
            default -> { } // pong: not used by the scenarios
        }
    }

    private void message(int opcode, boolean compressed, ByteBuf payload) {
        ByteBuf data = compressed ? inflate(payload) : payload;
        if (opcode == 0x2) {
            binary(data);
        } else {
            text(data);
        }
    }

    /**
     * Inflates one compressed message (RFC 7692 §7.2.2: append {@code 00 00 ff ff}, inflate) with the
     * connection's inflater, which keeps the server's window from message to message.
     *
     * @return the message, in a buffer the next call overwrites
     */
    private ByteBuf inflate(ByteBuf payload) {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        int n = payload.readableBytes();
        if (inflateIn.length < n + 4) {
            inflateIn = new byte[Math.max(n + 4, inflateIn.length * 2)];
        }
        payload.getBytes(payload.readerIndex(), inflateIn, 0, n);
        System.arraycopy(SYNC_TAIL, 0, inflateIn, n, 4);
        inflater.setInput(inflateIn, 0, n + 4);
        int length = 0;
        try {
            do {
                if (length == inflateOut.length) {
                    inflateOut = Arrays.copyOf(inflateOut, length * 2);
                }
                length += inflater.inflate(inflateOut, length, inflateOut.length - length);
            } while ((length == inflateOut.length || !inflater.needsInput()) && !inflater.finished());
        } catch (DataFormatException e) {
            throw new IllegalStateException("bad compressed message", e);
        }
        if (inflater.finished()) { // a final block ends the stream: the next message starts afresh
            inflater.reset();
        }
        return Unpooled.wrappedBuffer(inflateOut, 0, length);
    }

    private void binary(ByteBuf payload) {
        switch (state) {
            case READY -> listener.onMessage(this, payload);
            case CONNECT -> {
                int type = Codec.msgpackType(payload);
                if (type == 0) {
                    state = State.READY;
                    ready.complete(this);
                } else if (type == 4) {
                    fail(new IllegalStateException("connect_error: " + ByteBufUtil.hexDump(payload)));
                }
            }
            default -> { }
        }
    }

    private void text(ByteBuf payload) {
        int n = payload.readableBytes();
        byte first = n > 0 ? payload.getByte(payload.readerIndex()) : 0;
        if (first == '2' && n == 1) {
            send(PONG); // Engine.IO v4 heartbeat: the server pings, the client answers
            return;
        }
        switch (state) {
            case READY -> listener.onMessage(this, payload);
            case OPEN -> {
                if (first == '0') {
                    state = State.CONNECT;
                    send(codec == Codec.MSGPACK ? CONNECT_MSGPACK : CONNECT);
                }
            }
            case CONNECT -> {
                if (startsWith(payload, "40")) {
                    state = State.READY;
                    ready.complete(this);
                } else if (startsWith(payload, "44")) {
                    fail(new IllegalStateException("connect_error: " + payload.toString(StandardCharsets.UTF_8)));
                }
            }
            case PROBE -> {
                if (startsWith(payload, "3probe")) {
                    probed = true;
                    maybeUpgrade();
                }
            }
            case UPGRADED -> {
                if (startsWith(payload, "42")) {
                    state = State.READY;
                    ready.complete(this);
                }
            }
            default -> { }
        }
    }

    /** engine.io-client sends the upgrade packet once the probe answered and the pending poll returned. */
    private void maybeUpgrade() {
        if (state == State.PROBE && probed && pollDone) {
            state = State.UPGRADED;
            send(UPGRADE);
            send(UPGRADE_ECHO);
            if (polling != null) {
                polling.close();
            }
        }
    }

    static boolean startsWith(ByteBuf buf, String prefix) {
        if (buf.readableBytes() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf.getByte(buf.readerIndex() + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A growable ring of longs: the send times of one connection's messages in flight. */
    static final class LongQueue {
        private long[] ring = new long[16];
        private int head;
        private int size;

        void add(long value) {
            if (size == ring.length) {
                long[] bigger = new long[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) & (ring.length - 1)];
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size++) & (ring.length - 1)] = value;
        }

        /** @return the oldest value, or -1 when empty */
        long poll() {
            if (size == 0) {
                return -1;
            }
            long v = ring[head];
            head = (head + 1) & (ring.length - 1);
            size--;
            return v;
        }

        int size() {
            return size;
        }

        void clear() {
            head = 0;
            size = 0;
        }
    }
}
