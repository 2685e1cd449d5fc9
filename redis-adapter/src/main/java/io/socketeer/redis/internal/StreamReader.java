package io.socketeer.redis.internal;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Reads one stream with blocking {@code XREAD}s on a connection of its own, from the stream's last entry at
 * start, and hands every entry on in order. After an error it retries from the last id it read, so nothing is
 * read twice. When a read returns a full batch (it may be behind), it asks Redis ({@code XINFO STREAM},
 * Redis 7) whether entries it never read were trimmed: every entry added since it started was read, is still
 * in the stream, or was lost; if some were, it logs and counts them: the read resumed at the oldest entry
 * still there.
 */
final class StreamReader {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);

    private final StatefulRedisConnection<String, byte[]> conn;
    private final String stream;
    private final XReadArgs args;
    private final int fullBatch;
    private final ScheduledExecutorService timers;
    private final BiConsumer<String, StreamMessage<String, byte[]>> sink;
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    /** Entries added to the stream before we started (or the baseline after a gap); touched by the read loop. */
    private long baseAdded;
    /** Entries read since we started. */
    private long read;
    private volatile String lastId;
    private volatile boolean closed;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private int failures;

    StreamReader(StatefulRedisConnection<String, byte[]> conn, String stream, int readCount, long blockMs, long maxLen,
                 ScheduledExecutorService timers, BiConsumer<String, StreamMessage<String, byte[]>> sink) {
        this.conn = conn;
        this.stream = stream;
        this.args = XReadArgs.Builder.block(blockMs).count(readCount);
        this.fullBatch = (int) Math.min(readCount, maxLen);
        this.timers = timers;
        this.sink = sink;
    }

    /** Finds the stream's last entry (on the calling thread, at start-up) and starts reading after it. */
    void start() {
        List<StreamMessage<String, byte[]>> last = conn.sync().xrevrange(stream, Range.create("-", "+"), Limit.from(1));
        lastId = last.isEmpty() ? "0-0" : last.get(0).getId();
        if (!last.isEmpty()) {
            try {
                baseAdded = Math.max(0, number(field(conn.sync().xinfoStream(stream), "entries-added")));
            } catch (RuntimeException e) {
                log.debug("XINFO STREAM {} failed: {}", stream, e.toString());
            }
        }
        poll();
        started.complete(null);
    }

    /** @return completes once the starting id is known and the first read issued */
    CompletableFuture<Void> started() {
        return started;
    }

    /** @return the id of the last entry handed on (or where reading started) */
    String lastId() {
        return lastId;
    }

    /** @return the stream's name */
    String stream() {
        return stream;
    }

    /** @return how many times entries were trimmed before they could be read */
    long gaps() {
        return gaps.get();
    }

    /** @return how many entries were trimmed before they could be read */
    long lostEntries() {
        return lost.get();
    }

    private void poll() {
        if (closed) {
            return;
        }
        String from = lastId;
        conn.async().xread(args, XReadArgs.StreamOffset.from(stream, from)).whenComplete((entries, e) -> {
            if (e != null) {
                if (closed) {
                    return;
                }
                if (failures++ == 0) {
                    log.warn("reading stream {} failed ({}); retrying after entry {}", stream, e.toString(), from);
                }
                timers.schedule(this::poll, Math.min(1000, 50L * failures), TimeUnit.MILLISECONDS);
                return;
            }
            if (failures > 0) {
                log.info("reading stream {} again after {} failed attempts, from entry {}", stream, failures, from);
                failures = 0;
            }
            if (entries != null && !entries.isEmpty()) {
                for (StreamMessage<String, byte[]> m : entries) {
                    try {
                        sink.accept(m.getId(), m);
                    } catch (RuntimeException ex) {
                        log.warn("entry {} of stream {} could not be handed on", m.getId(), stream, ex);
                    }
                    lastId = m.getId();
                }
                long readBefore = read;
                read += entries.size();
                if (entries.size() >= fullBatch) {
                    checkTrimmed(from, entries.get(0).getId(), readBefore);
                    return; // polls again once checked
                }
            }
            poll();
        });
    }

    private void checkTrimmed(String before, String resumedAt, long readBefore) {
        conn.async().xinfoStream(stream).whenComplete((info, e) -> {
            if (e == null && info != null) {
                long added = number(field(info, "entries-added"));
                long length = number(field(info, "length"));
                String first = field(info, "recorded-first-entry-id");
                // Redis 7: every entry added since we started was read by us, is still in the stream from the
                // entry we resumed at, or was trimmed before we could read it.
                if (added >= 0 && length >= 0 && resumedAt.equals(first)) {
                    long missed = added - baseAdded - readBefore - length;
                    if (missed > 0) {
                        gaps.incrementAndGet();
                        lost.addAndGet(missed);
                        log.warn("this server fell behind the MAXLEN of stream {}: {} entries after {} were trimmed"
                                + " before it read them and are lost here; resumed at {}", stream, missed, before,
                                resumedAt);
                    }
                    if (missed != 0) {
                        baseAdded = added - readBefore - length; // counted (or the stream was made anew)
                    }
                }
            }
            poll();
        });
    }

    private static long number(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String field(List<Object> info, String name) {
        for (int i = 0; i + 1 < info.size(); i += 2) {
            if (name.equals(text(info.get(i)))) {
                return text(info.get(i + 1));
            }
        }
        return null;
    }

    private static String text(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (o instanceof ByteBuffer b) {
            return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
        }
        return o == null ? null : o.toString();
    }

    /** Stops reading; the connection is closed by the caller. */
    void close() {
        closed = true;
    }
}
