package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.socketio.adapter.PersistedSession;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stream entries, sessions and ids against what {@code @socket.io/redis-streams-adapter} 0.3.1 writes (the
 * base64 texts below come from its {@code @msgpack/msgpack} 2.8 for the same values).
 */
class StreamEntriesTest {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    /** {@code encode({sid:"s1",pid:"p1",rooms:["s1","r"],data:{n:1}})} by the reference. */
    private static final String NODE_SESSION = "hKNzaWSiczGjcGlkonAxpXJvb21zkqJzMaFypGRhdGGBoW4B";
    /** {@code encode({sid:"s1",pid:"p1",rooms:["s1"],data:{n:1}})} by the reference. */
    private static final String NODE_SESSION_ONE_ROOM = "hKNzaWSiczGjcGlkonAxpXJvb21zkaJzMaRkYXRhgaFuAQ==";
    /** The data of a broadcast to room r of {@code ["ev", <Buffer 01 02>]}, as the reference writes it. */
    private static final String NODE_BINARY_DATA =
            "gqZwYWNrZXSDpHR5cGUCpGRhdGGSomV2xAIBAqNuc3ChL6RvcHRzg6Vyb29tc5GhcqZleGNlcHSQpWZsYWdzgA==";

    private static Map<String, byte[]> fields(String... kv) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static ObjectNode broadcast(boolean binary) {
        ObjectNode data = N.objectNode();
        ObjectNode packet = data.putObject("packet");
        packet.put("type", 2);
        var args = packet.putArray("data").add("ev");
        if (binary) {
            args.add(N.binaryNode(new byte[] {1, 2}));
        } else {
            args.add(1);
        }
        packet.put("nsp", "/");
        ObjectNode opts = data.putObject("opts");
        opts.putArray("rooms").add("r");
        opts.putArray("except");
        opts.putObject("flags");
        return ClusterMessages.message("u1", "/", ClusterMessageType.BROADCAST, data);
    }

    @Test
    void aBroadcastIsAnEntryWithJsonDataAndTheTypeAsText() {
        Map<String, byte[]> f = StreamEntries.encode(broadcast(false));
        assertEquals(List.of("uid", "nsp", "type", "data"), List.copyOf(f.keySet()));
        assertEquals("u1", text(f.get("uid")));
        assertEquals("3", text(f.get("type")));
        assertEquals("{\"packet\":{\"type\":2,\"data\":[\"ev\",1],\"nsp\":\"/\"},\"opts\":{\"rooms\":[\"r\"],"
                + "\"except\":[],\"flags\":{}}}", text(f.get("data")));
        assertEquals(broadcast(false), StreamEntries.decode(f).put("type", 3));
    }

    @Test
    void binaryDataIsTheBase64OfItsMessagePackAsTheReferenceWritesIt() throws Exception {
        Map<String, byte[]> f = StreamEntries.encode(broadcast(true));
        assertEquals(NODE_BINARY_DATA, text(f.get("data")));
        ObjectNode back = StreamEntries.decode(fields("uid", "x", "nsp", "/", "type", "3", "data", NODE_BINARY_DATA));
        assertArrayEquals(new byte[] {1, 2}, back.at("/data/packet/data/1").binaryValue());
        assertEquals(ClusterMessageType.BROADCAST, ClusterMessages.type(back));
    }

    @Test
    void aMessageWithoutDataHasNoDataField() {
        Map<String, byte[]> f = StreamEntries.encode(ClusterMessages.message("u", "/", ClusterMessageType.HEARTBEAT,
                null));
        assertEquals(Set.of("uid", "nsp", "type"), f.keySet());
    }

    @Test
    void malformedEntriesAreRefused() {
        assertThrows(MalformedMessageException.class, () -> StreamEntries.decode(fields("nsp", "/", "type", "3")));
        assertThrows(MalformedMessageException.class,
                () -> StreamEntries.decode(fields("uid", "u", "nsp", "/", "type", "three")));
        assertThrows(MalformedMessageException.class,
                () -> StreamEntries.decode(fields("uid", "u", "nsp", "/", "type", "99")));
        assertThrows(MalformedMessageException.class,
                () -> StreamEntries.decode(fields("uid", "u", "nsp", "/", "type", "3", "data", "{oops")));
        assertThrows(MalformedMessageException.class,
                () -> StreamEntries.decode(fields("uid", "u", "nsp", "/", "type", "3", "data", "%%%")));
    }

    @Test
    void sessionsAreTheBase64OfTheirMessagePackBothWays() {
        PersistedSession s = new PersistedSession("s1", "p1", Set.of("s1"), null, List.of());
        assertEquals(NODE_SESSION_ONE_ROOM, StreamEntries.encodeSession(s, N.objectNode().put("n", 1)));
        PersistedSession back = StreamEntries.decodeSession(NODE_SESSION);
        assertEquals("s1", back.sid());
        assertEquals("p1", back.pid());
        assertEquals(Set.of("s1", "r"), back.rooms());
        assertEquals(N.objectNode().put("n", 1), back.data());
        assertThrows(MalformedMessageException.class, () -> StreamEntries.decodeSession("not base64!"));
        assertThrows(MalformedMessageException.class, () -> StreamEntries.decodeSession("gA=="));
    }

    @Test
    void idsAreComparedAsNumbersAndTheNextOneIsTheExclusiveStart() {
        assertTrue(StreamEntries.isId("1700000000000-0"));
        assertFalse(StreamEntries.isId("1700000000000"));
        assertFalse(StreamEntries.isId("abc-1"));
        assertFalse(StreamEntries.isId(null));
        assertTrue(StreamEntries.compare("9-5", "10-0") < 0);
        assertTrue(StreamEntries.compare("10-10", "10-9") > 0);
        assertEquals(0, StreamEntries.compare("10-9", "10-9"));
        assertEquals("10-10", StreamEntries.next("10-9"));
    }

    @Test
    void aSocketGetsABroadcastToOneOfItsRoomsUnlessOneOfItsRoomsIsExcluded() {
        assertTrue(StreamEntries.includes(Set.of("s", "r"), Set.of(), Set.of()));
        assertTrue(StreamEntries.includes(Set.of("s", "r"), Set.of("r", "x"), Set.of()));
        assertFalse(StreamEntries.includes(Set.of("s", "r"), Set.of("x"), Set.of()));
        assertFalse(StreamEntries.includes(Set.of("s", "r"), Set.of("r"), Set.of("s")));
    }
}
