package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.adapter.AckCollector;

import java.time.Duration;

/**
 * Gathers a cluster broadcast's acknowledgements for the broadcaster: each server (this one included) reports
 * how many clients it reached, and the broadcaster is told the total, in one {@link AckCollector#expect} call,
 * once every server counted by {@code PUBSUB NUMSUB} has reported. Answers go to the broadcaster as they
 * arrive, before the total if need be (the collector allows it), so that the answers received before a
 * timeout are not lost when a server never reports.
 */
final class BroadcastAcks {

    private final AckCollector upstream;
    private int expectedServers = -1;
    private int reportedServers;
    private int clients;
    private boolean forwarded;

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

    void answer(ArrayNode args) {
        upstream.answer(args);
    }

    private void check() {
        if (!forwarded && expectedServers >= 0 && reportedServers >= expectedServers) {
            forwarded = true;
            upstream.expect(clients);
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
