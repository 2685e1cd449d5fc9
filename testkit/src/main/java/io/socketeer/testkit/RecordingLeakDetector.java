package io.socketeer.testkit;

import io.netty.util.ResourceLeakDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ResourceLeakDetector} that remembers every leak it reports, so a test can fail on it.
 *
 * <p>Installed through the system property {@code io.netty.customResourceLeakDetector} (see the parent
 * POM's surefire configuration). Every report is also printed to standard error as a line starting with
 * {@code LEAK:}, whatever logging binding the test class path has.
 *
 * @param <T> the tracked resource type
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final List<String> LEAKS = new ArrayList<>();

    /**
     * Called reflectively by Netty's {@code ResourceLeakDetectorFactory}.
     *
     * @param resourceType the tracked type
     * @param samplingInterval Netty's sampling interval (ignored at PARANOID)
     */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /**
     * The constructor Netty looks for first (its {@code maxActive} is unused).
     *
     * @param resourceType the tracked type
     * @param samplingInterval Netty's sampling interval
     * @param maxActive ignored
     */
    @SuppressWarnings("deprecation")
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        record("LEAK: " + resourceType + ".release() was not called before it's garbage-collected." + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        record("LEAK: " + resourceType + ".release() was not called before it's garbage-collected.");
    }

    private static void record(String report) {
        synchronized (LEAKS) {
            LEAKS.add(report);
        }
        System.err.println(report);
    }

    /**
     * Returns and forgets the leaks reported so far.
     *
     * @return the reports, oldest first
     */
    public static List<String> drain() {
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }
}
