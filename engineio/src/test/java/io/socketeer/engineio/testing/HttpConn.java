package io.socketeer.engineio.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.internal.netty.NotFoundHandler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One client connection to a server, as a standalone server's pipeline sees it: an {@link EmbeddedChannel}
 * holding the HTTP codec, the Engine.IO handler and the 404 fallback. Requests go in as raw bytes; what the
 * server writes is decoded by a second embedded channel playing the client's HTTP decoder, and copied into
 * {@link HttpReply} values so that nothing reference-counted escapes.
 *
 * <p>The channel's clock is frozen: scheduled tasks (heartbeats, upgrade checks) run only when a test
 * {@linkplain #advance advances} it. A session lives on the loop of the channel its handshake came on;
 * work for it queued from another connection runs when that first channel {@linkplain #runTasks runs its
 * tasks}.
 */
public final class HttpConn {

    private final EmbeddedChannel channel;
    private final EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(),
            new HttpObjectAggregator(16 * 1024 * 1024));

    /**
     * Opens a connection to the server.
     *
     * @param server the server
     */
    public HttpConn(EngineIoServer server) {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        server.configurePipeline(channel.pipeline());
        channel.pipeline().addLast("not-found", new NotFoundHandler());
    }

    /** @return the server side of the connection */
    public EmbeddedChannel channel() {
        return channel;
    }

    /**
     * Writes raw bytes as if they came from the network.
     *
     * @param bytes the bytes
     */
    public void writeRaw(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /**
     * Writes raw ASCII text as if it came from the network.
     *
     * @param text the text
     */
    public void writeRaw(String text) {
        writeRaw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Writes a request.
     *
     * @param method the method
     * @param uri the request target
     * @param body the body or {@code null} for none (then no {@code Content-Length} is sent)
     * @param headers extra headers, each {@code "Name: value"}
     */
    public void request(String method, String uri, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder().append(method).append(' ').append(uri).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            writeRaw(h);
        } else {
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            writeRaw(all);
        }
    }

    /**
     * Sends a GET and returns its answer, which must come at once.
     *
     * @param uri the request target
     * @param headers extra headers
     * @return the answer
     */
    public HttpReply get(String uri, String... headers) {
        request("GET", uri, null, headers);
        return reply();
    }

    /**
     * Sends a POST with a UTF-8 body and returns its answer, which must come at once.
     *
     * @param uri the request target
     * @param body the body
     * @param headers extra headers
     * @return the answer
     */
    public HttpReply post(String uri, String body, String... headers) {
        return post(uri, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Sends a POST and returns its answer, which must come at once.
     *
     * @param uri the request target
     * @param body the body
     * @param headers extra headers
     * @return the answer
     */
    public HttpReply post(String uri, byte[] body, String... headers) {
        request("POST", uri, body, headers);
        return reply();
    }

    /** Runs the tasks queued on this channel's event loop. */
    public void runTasks() {
        channel.runPendingTasks();
    }

    /**
     * Moves the frozen clock forward without running the timers that came due.
     *
     * @param time how far
     */
    public void advanceClockOnly(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Moves this channel's frozen clock forward and runs what became due, then the tasks that queued.
     *
     * @param time how far
     */
    public void advance(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /**
     * Runs pending tasks and returns every answer the server wrote since the last call.
     *
     * @return the answers, in order
     */
    public List<HttpReply> replies() {
        channel.runPendingTasks();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            client.writeInbound((ByteBuf) out); // the client decoder releases it
        }
        List<HttpReply> replies = new ArrayList<>();
        for (Object in; (in = client.readInbound()) != null; ) {
            FullHttpResponse res = (FullHttpResponse) in;
            try {
                replies.add(HttpReply.copyOf(res));
            } finally {
                res.release();
            }
        }
        return replies;
    }

    /** @return the one answer written since the last call; fails if there is not exactly one */
    public HttpReply reply() {
        List<HttpReply> r = replies();
        assertEquals(1, r.size(), () -> "expected one answer, got " + r);
        return r.get(0);
    }

    /** Fails if the server answered anything since the last call. */
    public void assertNoReply() {
        List<HttpReply> r = replies();
        assertTrue(r.isEmpty(), () -> "expected no answer yet, got " + r);
    }

    /** @return whether the server side of the connection is still open */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Drops the connection from the client side. */
    public void close() {
        channel.close();
        channel.runPendingTasks();
    }

    /**
     * Closes both ends and tells whether anything was left unread; releases whatever was.
     *
     * @return {@code true} if the server wrote or passed on something the test did not read
     */
    public boolean finish() {
        boolean serverLeft = channel.finish();
        boolean clientLeft = client.finish();
        channel.releaseInbound();
        channel.releaseOutbound();
        client.releaseInbound();
        client.releaseOutbound();
        return serverLeft || clientLeft;
    }
}
