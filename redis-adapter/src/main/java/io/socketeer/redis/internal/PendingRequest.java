package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A request to the other servers waiting for their answers: it completes with the items received once each
 * expected server has answered once.
 *
 * @param <T> the kind of request, as the protocol names it
 */
final class PendingRequest<T> {

    private final T type;
    private final int expected;
    private final CompletableFuture<List<JsonNode>> result;
    private final List<JsonNode> items = new ArrayList<>();
    private int received;

    PendingRequest(T type, int expected, CompletableFuture<List<JsonNode>> result) {
        this.type = type;
        this.expected = expected;
        this.result = result;
    }

    /** @return the kind of request */
    T type() {
        return type;
    }

    /** @return how many servers are expected to answer */
    int expected() {
        return expected;
    }

    /** @return completes with the items of every answer */
    CompletableFuture<List<JsonNode>> result() {
        return result;
    }

    synchronized int received() {
        return received;
    }

    /** @return the items received so far, each wrapped as the arguments of one answer */
    synchronized List<ArrayNode> answersSoFar() {
        List<ArrayNode> list = new ArrayList<>(items.size());
        items.forEach(a -> list.add(JsonNodeFactory.instance.arrayNode(1).add(a)));
        return list;
    }

    /**
     * One server answered with a list of items; an answer that is not a list counts as one without items.
     *
     * @param list the items
     */
    synchronized void add(JsonNode list) {
        if (list != null && list.isArray()) {
            list.forEach(items::add);
        }
        done();
    }

    /**
     * One server answered with a value.
     *
     * @param value the value
     */
    synchronized void addOne(JsonNode value) {
        items.add(value);
        done();
    }

    private void done() {
        if (++received >= expected) {
            result.complete(List.copyOf(items));
        }
    }
}
