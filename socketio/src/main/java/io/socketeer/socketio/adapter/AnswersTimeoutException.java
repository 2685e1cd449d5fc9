package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What an adapter's {@link Adapter#serverSideEmit(ArrayNode, boolean) serverSideEmit} fails with when some
 * servers did not answer in time: it carries the answers of those that did, which the namespace hands to
 * the application as an {@link io.socketeer.socketio.AckTimeoutException}. An adapter that fails with a plain
 * {@link TimeoutException} reports no answers.
 */
public class AnswersTimeoutException extends TimeoutException {

    private final transient List<ArrayNode> answers;
    /** How many answers were expected, or -1 when not known. */
    private final int expected;

    /**
     * Creates the failure.
     *
     * @param message what did not arrive
     * @param answers the answers received in time (each the arguments of one server's answer)
     * @param expected how many answers were expected, or -1 if not known
     */
    public AnswersTimeoutException(String message, List<ArrayNode> answers, int expected) {
        super(message);
        this.answers = List.copyOf(answers);
        this.expected = expected;
    }

    /** @return the answers received in time, in order of arrival */
    public List<ArrayNode> answers() {
        return answers;
    }

    /** @return how many answers were expected, or -1 if not known */
    public int expected() {
        return expected;
    }
}
