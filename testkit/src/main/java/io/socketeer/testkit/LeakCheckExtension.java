package io.socketeer.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test class when Netty's leak detector reported a leaked buffer while it ran.
 *
 * <p>Registered for every test class through JUnit's extension auto-detection. Leaks are only
 * noticed once the leaked buffer has been garbage-collected and another buffer is allocated, so the
 * check collects garbage and allocates a few buffers before it looks.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(20); // lets the reference handler enqueue collected trackers; not a wait for an event
            for (int i = 0; i < 32; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.directBuffer(16);
                unpooled.release();
            }
        }
        List<String> leaks = RecordingLeakDetector.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " leaked buffer(s) while running "
                    + context.getDisplayName() + ":\n" + String.join("\n", leaks));
        }
    }
}
