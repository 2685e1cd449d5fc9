package io.socketeer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Opening and closing many generator connections, a bounded number at a time. */
final class Conns {

    private Conns() {
    }

    /**
     * Opens WebSocket-direct connections that have joined "/".
     *
     * @param gen      the generator
     * @param first    index of the first (picks source addresses)
     * @param count    how many
     * @param parallel how many handshakes at a time
     * @return the connections, in order
     * @throws Exception if one fails
     */
    static List<Conn> open(LoadGenerator gen, int first, int count, int parallel) throws Exception {
        return open(gen, first, count, parallel, Codec.JSON);
    }

    /**
     * Opens WebSocket-direct connections that have joined "/", in a codec.
     *
     * @param gen      the generator
     * @param first    index of the first (picks source addresses)
     * @param count    how many
     * @param parallel how many handshakes at a time
     * @param codec    the parser and compression both sides use
     * @return the connections, in order
     * @throws Exception if one fails
     */
    static List<Conn> open(LoadGenerator gen, int first, int count, int parallel, Codec codec) throws Exception {
        Semaphore permits = new Semaphore(parallel);
        List<CompletableFuture<Conn>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("connects stalled at " + i + " of " + count);
            }
            CompletableFuture<Conn> f = gen.webSocket(first + i, codec);
            f.whenComplete((c, e) -> permits.release());
            futures.add(f);
        }
        List<Conn> conns = new ArrayList<>(count);
        for (CompletableFuture<Conn> f : futures) {
            conns.add(f.get(60, TimeUnit.SECONDS));
        }
        return conns;
    }

    /** Closes the connections and waits a little for the server to see it. */
    static void closeAll(LoadGenerator gen, List<Conn> conns) throws Exception {
        gen.run(() -> conns.forEach(Conn::close));
        conns.clear();
        Thread.sleep(300);
    }

    /** Sleeps, in seconds. */
    static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }
}
