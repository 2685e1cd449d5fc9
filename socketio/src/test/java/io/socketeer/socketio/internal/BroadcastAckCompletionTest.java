package io.socketeer.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.SocketIoOptions;
import io.socketeer.socketio.adapter.AckCollector;
import io.socketeer.socketio.adapter.BroadcastOptions;
import io.socketeer.socketio.adapter.InMemoryAdapter;
import io.socketeer.socketio.adapter.OutgoingPacket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A broadcast with acknowledgements completes once every namespace has said how many sockets it reached and
 * that many answers came, in whatever order the two arrive: a receiver on another thread may answer before
 * its namespace has finished counting.
 */
class BroadcastAckCompletionTest {

    private static ArrayNode answer(String text) {
        return JsonNodeFactory.instance.arrayNode().add(text);
    }

    private static List<String> broadcast(Consumer<AckCollector> adapterBehaviour, String... namespaces)
            throws Exception {
        SocketIoCore core = new SocketIoCore(SocketIoOptions.builder().handlersOnEventLoop(true)
                .adapter(nsp -> new InMemoryAdapter(nsp) {
                    @Override
                    public void broadcastWithAck(OutgoingPacket packet, BroadcastOptions options, AckCollector acks) {
                        adapterBehaviour.accept(acks);
                    }
                }).build());
        try {
            for (String n : namespaces) {
                core.namespaces().of(n);
            }
            DefaultBroadcastOperator all = new DefaultBroadcastOperator(
                    () -> Stream.of(namespaces).map(core.namespaces()::of).toList(), Set.of(), Set.of(),
                    false, false, false, Duration.ofSeconds(5));
            CompletableFuture<List<EventArgs>> done = all.emitWithAck("ping");
            return done.get(5, TimeUnit.SECONDS).stream().map(a -> a.getString(0)).toList();
        } finally {
            core.shutdown();
        }
    }

    @Test
    void anAnswerBeforeTheCountDoesNotCompleteTheBroadcastEarly() throws Exception {
        List<String> got = broadcast(acks -> {
            acks.answer(answer("fast"));
            acks.expect(2);
            acks.answer(answer("slow"));
        }, "/");
        assertEquals(List.of("fast", "slow"), got);
    }

    @Test
    void everyNamespaceMustReportBeforeTheBroadcastCompletes() throws Exception {
        List<String> got = broadcast(acks -> {
            acks.answer(answer("a"));
            acks.expect(1);
        }, "/", "/chat");
        assertEquals(List.of("a", "a"), got);
    }

    @Test
    void aBroadcastThatReachesNobodyCompletesWithNoAnswers() throws Exception {
        List<String> got = broadcast(acks -> acks.expect(0), "/");
        assertFalse(got.iterator().hasNext());
    }
}
