package io.socketeer.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The admin lines a Java server of the bench answers on stdin (see {@link ServerProcess}): {@code heap} →
 * {@code HEAP <live bytes after a full GC>}, {@code alloc} → {@code ALLOC <bytes allocated by all threads>}.
 * bench/peers/netty-socketio carries a copy, since it builds on its own.
 */
final class Admin {

    private Admin() {
    }

    /** Prints READY and answers admin lines on a daemon thread. */
    static void serve() {
        Thread t = new Thread(Admin::loop, "bench-admin");
        t.setDaemon(true);
        t.start();
        System.out.println("READY");
    }

    private static void loop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.trim()) {
                    case "heap" -> System.out.println("HEAP " + liveHeap());
                    case "alloc" -> System.out.println("ALLOC " + allocated());
                    default -> System.out.println("? " + line);
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private static long liveHeap() {
        System.gc(); // G1: a full, stop-the-world collection; what survives it is live
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long allocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }
}
