package io.socketeer.socketio.internal;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default handler executor: named daemon threads with the creator's class loader and none of its
 * inheritable thread-locals; an idle thread takes the next task instead of a new one being made; shutting
 * it down ends its idle threads.
 */
class HandlerThreadsTest {

    private static final InheritableThreadLocal<String> INHERITED = new InheritableThreadLocal<>();

    @Test
    void threadsAreNamedDaemonsWithTheCreatorsClassLoaderAndNoInheritedLocals() throws Exception {
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        ClassLoader app = new URLClassLoader(new URL[0], before);
        me.setContextClassLoader(app);
        INHERITED.set("the creator's");
        ExecutorService pool;
        try {
            pool = HandlerThreads.newPool();
        } finally {
            me.setContextClassLoader(before);
        }
        try {
            CompletableFuture<Object[]> seen = new CompletableFuture<>();
            pool.execute(() -> {
                Thread t = Thread.currentThread();
                seen.complete(new Object[] {t.getName(), t.isDaemon(), t.getContextClassLoader(), INHERITED.get()});
            });
            Object[] s = seen.get(10, TimeUnit.SECONDS);
            assertTrue(((String) s[0]).startsWith("socketio-handler-"), (String) s[0]);
            assertEquals(true, s[1], "daemon: a server left open does not keep the JVM alive");
            assertSame(app, s[2]);
            assertNull(s[3]);
        } finally {
            INHERITED.remove();
            pool.shutdown();
        }
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "idle threads end at shutdown");
    }

    @Test
    void anIdleThreadTakesTheNextTask() throws Exception {
        ExecutorService pool = HandlerThreads.newPool();
        try {
            Set<Thread> threads = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Thread> ran = new CompletableFuture<>();
                pool.execute(() -> ran.complete(Thread.currentThread()));
                threads.add(ran.get(10, TimeUnit.SECONDS));
            }
            // a thread per task would make 200; a second one is made only when the next task comes before the
            // thread that ran the last one is back waiting, after which one of the two always waits
            assertTrue(threads.size() <= 4, threads.size() + " threads for 200 tasks one after another");
        } finally {
            pool.shutdown();
        }
    }
}
