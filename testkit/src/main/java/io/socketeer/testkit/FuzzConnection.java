package io.socketeer.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One client connection for the fuzz targets of the engine and socket modules: an {@link EmbeddedChannel}
 * with a server's pipeline (installed by a {@link Target}) and two probes that turn every exception
 * that reaches Netty into a failure, even those our handlers swallow by closing the connection:
 *
 * <ul>
 *   <li>an inbound probe just before the Engine.IO handler (and, after a WebSocket upgrade, before the
 *       Engine.IO WebSocket handler) notes each exception the codecs pass on; only the documented closes
 *       of a bad WebSocket (protocol violation, invalid UTF-8, too long: {@link CorruptedFrameException},
 *       {@link TooLongFrameException}; corrupt permessage-deflate data: {@link DecompressionException}, or
 *       data that inflates to nothing), and
 *       whatever comes once the connection is closed, are expected;</li>
 *   <li>an outbound probe at the head notes a {@code close()} that comes from an {@code exceptionCaught}
 *       of our handlers while the inbound probe is not passing an exception on: that handler threw itself.</li>
 * </ul>
 *
 * <p>The channel's clock is frozen; {@link #finish()} lets an hour pass so that every session the
 * connection opened times out, then closes everything and fails on anything left over.
 */
public final class FuzzConnection {

    /** The server under fuzzing, as the connection sees it. */
    public interface Target {

        /**
         * Adds the server's handlers (HTTP codec included) to a connection's pipeline.
         *
         * @param pipeline the pipeline
         */
        void install(ChannelPipeline pipeline);

        /** @return the name of the server's HTTP handler in the pipeline (the exception probe goes before it) */
        String httpHandlerName();

        /** @return the name of the engine's WebSocket handler once a connection is upgraded */
        default String webSocketHandlerName() {
            return "eio-ws";
        }

        /** @return the number of open sessions */
        int sessionCount();

        /** Closes every open session. */
        void closeSessions();

        /** @return the open sessions, for a failure message */
        String describeSessions();
    }

    /**
     * The warnings our code logs (slf4j-simple prints them on {@code System.err}): each one is a safety net
     * catching an exception that nothing handled (a failed listener, an unexpected failure handling a
     * request), so it is a finding even though the connection goes on.
     */
    private static final List<String> WARNINGS = new ArrayList<>();

    static {
        System.setErr(new PrintStream(System.err, true) {
            @Override
            public void println(String line) {
                if (line != null && (line.contains(" WARN io.socketeer.") || line.contains(" ERROR io.socketeer."))) {
                    synchronized (WARNINGS) {
                        WARNINGS.add(line);
                    }
                }
                super.println(line);
            }
        });
    }

    private final Target target;
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<String> failures = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /**
     * How many codec exceptions are being passed on to our handlers right now: more than one when closing
     * for one makes a decoder complain again on the way (permessage-deflate data left at channelInactive).
     */
    private int passingOn;

    /**
     * Opens a connection to a server.
     *
     * @param target the server
     */
    public FuzzConnection(Target target) {
        this.target = target;
        assertNoLeakReported();
        synchronized (WARNINGS) {
            WARNINGS.clear();
        }
        channel.freezeTime();
        channel.pipeline().addLast("close-probe", new CloseProbe());
        target.install(channel.pipeline());
        channel.pipeline().addBefore(target.httpHandlerName(), "exception-probe", new ExceptionProbe());
    }

    /** Fails when the leak detector reported a buffer of an earlier input (PARANOID level: every buffer). */
    public static void assertNoLeakReported() {
        List<String> leaks = RecordingLeakDetector.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError("leaked buffers:\n" + String.join("\n", leaks));
        }
    }

    /** @return the server side of the connection */
    public EmbeddedChannel channel() {
        return channel;
    }

    /**
     * Writes bytes as if they came from the network, in a buffer the leak detector tracks.
     *
     * @param bytes the bytes
     */
    public void write(byte[] bytes) {
        if (!channel.isOpen()) {
            return;
        }
        ByteBuf buf = channel.alloc().buffer(bytes.length).writeBytes(bytes);
        try {
            channel.writeInbound(buf); // rethrows what reached the end of the pipeline
        } catch (RuntimeException e) {
            // A decoder that closes the connection on a bad frame (WebSocket08FrameDecoder writes its close
            // frame with a CLOSE listener, then throws) makes an EmbeddedChannel run its close tasks at once,
            // which empties the pipeline before the exception is passed on: it then reaches the tail instead
            // of our handlers, as it would on a real event loop. Once the connection is closed, that is the
            // same as what the probe accepts; anything else is a finding.
            if (channel.isActive() || pipelineInPlace()) {
                throw e;
            }
        } finally {
            pump();
        }
    }

    /**
     * Writes ASCII text as if it came from the network.
     *
     * @param text the text
     */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private boolean pipelineInPlace() {
        return channel.pipeline().get("close-probe") != null;
    }

    /** Places the exception probe before the engine's WebSocket handler, once the upgrade replaced ours. */
    public void probeWebSocket() {
        String ws = target.webSocketHandlerName();
        if (channel.pipeline().get(ws) != null && channel.pipeline().get("ws-exception-probe") == null) {
            channel.pipeline().addBefore(ws, "ws-exception-probe", new ExceptionProbe());
        }
    }

    /** Runs queued tasks and copies out, then releases, what the server wrote. */
    public void pump() {
        channel.runPendingTasks();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            try {
                if (o instanceof ByteBuf b) {
                    b.getBytes(b.readerIndex(), out, b.readableBytes());
                } else {
                    failures.add("the server wrote a " + o.getClass().getName() + " past its codec");
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
        for (Object o; (o = channel.readInbound()) != null; ) {
            ReferenceCountUtil.release(o);
            // Once a close emptied the pipeline (an EmbeddedChannel does it at once, see write), what the codec
            // still decodes from the same read goes straight to the tail; on a real event loop our handlers,
            // still in place, would have released it.
            if (pipelineInPlace()) {
                failures.add("a message reached the end of the pipeline: " + o.getClass().getName());
            }
        }
    }

    /**
     * Returns everything the server wrote since the last call, as ISO-8859-1 text.
     *
     * @return the bytes as text
     */
    public String takeOutput() {
        String s = out.toString(StandardCharsets.ISO_8859_1);
        out.reset();
        return s;
    }

    /**
     * Lets time pass on the connection's loop, running what falls due.
     *
     * @param time how long
     */
    public void advance(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        pump();
    }

    /**
     * Lets an hour pass in three steps (every heartbeat, upgrade and close timer runs out), closes the connection
     * and fails on any exception noted, any message left in the channel, or any session still open.
     */
    public void finish() {
        boolean closedEarly = !channel.isOpen();
        for (int i = 0; i < 3; i++) {
            advance(Duration.ofMinutes(20));
        }
        if (closedEarly && target.sessionCount() != 0) {
            // An EmbeddedChannel cancels the timers of its loop when it closes (a real event loop keeps
            // running them): polling sessions whose connection the server closed after an answer (HTTP/1.0,
            // Connection: close) have lost their heartbeat here, so they are closed by hand.
            target.closeSessions();
            for (int i = 0; i < 3; i++) {
                advance(Duration.ofMinutes(20));
            }
        }
        channel.close();
        pump();
        boolean left = channel.finish();
        channel.releaseInbound();
        channel.releaseOutbound();
        if (left) {
            failures.add("messages left in the channel");
        }
        if (target.sessionCount() != 0) {
            failures.add(target.sessionCount() + " session(s) still open: " + target.describeSessions());
        }
        synchronized (WARNINGS) {
            failures.addAll(WARNINGS);
            WARNINGS.clear();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    /** Notes the exceptions the codecs pass on to our handlers. */
    private final class ExceptionProbe extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Once the connection is closed, the decoders may still complain about the bytes that came with
            // the fatal frame (an aggregator left half-way, a premature close): nothing reaches a session then.
            if (!(cause instanceof CorruptedFrameException || cause instanceof TooLongFrameException
                    || cause instanceof DecompressionException || inflatesToNothing(cause))
                    && ctx.channel().isActive()) {
                failures.add("unexpected exception from the codecs: " + stackTrace(cause));
            }
            passingOn++;
            try {
                ctx.fireExceptionCaught(cause);
            } finally {
                passingOn--;
            }
        }
    }

    /** Notes a close that one of our handlers makes in its exceptionCaught for an exception of its own. */
    private final class CloseProbe extends ChannelDuplexHandler {
        private static final int WALK_LIMIT = 64;

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
            if (passingOn == 0) {
                // an exceptionCaught that closes is a few frames up; the walk stops long before the test's
                // own deep stack (JUnit, Jazzer), which would cost more than the rest of an input
                StackWalker.getInstance().walk(frames -> frames
                        .limit(WALK_LIMIT)
                        .filter(f -> f.getMethodName().equals("exceptionCaught")
                                && f.getClassName().startsWith("io.socketeer."))
                        .findFirst())
                        .ifPresent(f -> failures.add("an exception thrown in " + f.getClassName()
                                + " was swallowed by its exceptionCaught (closed the connection)"));
            }
            super.close(ctx, promise);
        }
    }

    /**
     * Compressed permessage-deflate data that inflates to no bytes at all (not the empty block {@code 00}
     * an empty message is): Netty's DeflateDecoder refuses it with a plain CodecException rather than a
     * DecompressionException, which our WebSocket handler takes like any other bad frame.
     */
    private static boolean inflatesToNothing(Throwable cause) {
        return cause instanceof DecoderException && cause.getCause() instanceof CodecException c
                && "cannot read uncompressed buffer".equals(c.getMessage());
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
