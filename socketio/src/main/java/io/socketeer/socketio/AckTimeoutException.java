package io.socketeer.socketio;

import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Not every acknowledgement arrived in time: what a timed {@code emitWithAck} (to a socket or a broadcast) or
 * {@code serverSideEmitWithAck} fails with. It keeps the answers that did arrive, as the reference hands its
 * callback both the error and the responses received, so that a cluster with one frozen server or a room with
 * one stalled client still yields the answers of the others:
 *
 * <pre>{@code
 * io.timeout(Duration.ofSeconds(2)).emitWithAck("vote").exceptionally(e -> {
 *     if (e.getCause() instanceof AckTimeoutException t) {
 *         return t.answers();                       // the votes that came in time
 *     }
 *     throw new CompletionException(e);
 * });
 * }</pre>
 */
public class AckTimeoutException extends TimeoutException {

    private final transient List<EventArgs> answers;
    /** How many answers were expected, or -1 when not known. */
    private final int expected;

    /**
     * Creates the failure.
     *
     * @param message what did not arrive
     * @param answers the answers that arrived in time, in order of arrival
     * @param expected how many answers were expected, or -1 if that was not known yet
     */
    public AckTimeoutException(String message, List<EventArgs> answers, int expected) {
        super(message);
        this.answers = List.copyOf(answers);
        this.expected = expected;
    }

    /** @return the answers that arrived before the timeout, in order of arrival (possibly none) */
    public List<EventArgs> answers() {
        return answers;
    }

    /**
     * @return how many answers were expected (receivers reached, or other servers counted), or -1 if the
     *         count itself had not come in when time ran out
     */
    public int expected() {
        return expected;
    }
}
