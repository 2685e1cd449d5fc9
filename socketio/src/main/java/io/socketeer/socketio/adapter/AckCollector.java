package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.time.Duration;

/**
 * Gathers the acknowledgements of a broadcast. The adapter reports, in one {@link #expect} call, how many
 * sockets were reached (on every server of a cluster), and each answer as it arrives, also before that count
 * when it comes first; may be called from any thread.
 */
public interface AckCollector {

    /**
     * Adds to the number of answers to wait for.
     *
     * @param count sockets reached
     */
    void expect(int count);

    /**
     * One socket answered.
     *
     * @param args the acknowledgement's arguments
     */
    void answer(ArrayNode args);

    /**
     * Tells how long the broadcaster waits for the answers, so a cluster adapter knows how long to keep
     * routing answers from other servers.
     *
     * @return the time limit, or {@code null} when unknown
     */
    default Duration timeout() {
        return null;
    }
}
