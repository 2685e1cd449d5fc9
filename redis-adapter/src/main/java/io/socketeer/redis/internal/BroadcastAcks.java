package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.adapter.AckCollector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers a cluster broadcast's acknowledgements for the broadcaster: each server (this one included) reports
 * how many clients it reached, and the broadcaster is told the total once every server counted by
 * {@code PUBSUB NUMSUB} has reported. Answers arriving before that are held back, so the broadcaster never
 * sees more answers than it expects.
 */
final class BroadcastAcks {

    private final AckCollector upstream;
    private int expectedServers = -1;
    private int reportedServers;
    private int clients;
    private boolean forwarded;
    private final List<ArrayNode> early = new ArrayList<>();

    BroadcastAcks(AckCollector upstream) {
        this.upstream = upstream;
    }

    synchronized void serverReported(int clientCount) {
        reportedServers++;
        clients += clientCount;
        check();
    }

    synchronized void servers(int count) {
        expectedServers = count;
        check();
    }

    synchronized void answer(ArrayNode args) {
        if (forwarded) {
            upstream.answer(args);
        } else {
            early.add(args);
        }
    }

    private void check() {
        if (!forwarded && expectedServers >= 0 && reportedServers >= expectedServers) {
            forwarded = true;
            upstream.expect(clients);
            early.forEach(upstream::answer);
            early.clear();
        }
    }

    /** @return the collector this server's own delivery reports to */
    AckCollector local() {
        return new AckCollector() {
            @Override
            public void expect(int count) {
                serverReported(count);
            }

            @Override
            public void answer(ArrayNode args) {
                BroadcastAcks.this.answer(args);
            }

            @Override
            public Duration timeout() {
                return upstream.timeout();
            }
        };
    }
}
