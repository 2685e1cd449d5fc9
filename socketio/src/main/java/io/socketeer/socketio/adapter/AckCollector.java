package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Gathers the acknowledgements of a broadcast. The adapter reports how many sockets were reached on each
 * server, and each answer as it arrives; may be called from any thread.
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
}
