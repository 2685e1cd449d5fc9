package io.socketeer.msgpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.msgpack.internal.MsgpackDecoder;
import io.socketeer.msgpack.internal.MsgpackEncoder;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.parser.DecodedPacket;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our codec against the real socket.io-msgpack-parser 3.0.2 (npm, pinned in {@code npm/package-lock.json}):
 * {@code npm/interop/msgpack-vectors.js} encodes packets with it, as our server builds them and as
 * socket.io-client 4.8 builds them, and prints each with the JSON view the Java side must have of it.
 */
class MsgpackParityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static List<String[]> vectors;

    @BeforeAll
    static void runTheNpmParser() {
        try (NodeProcess node = NodeProcess.start("interop/msgpack-vectors.js")) {
            assertEquals(0, node.awaitExit(Duration.ofSeconds(30)), node.transcript());
            vectors = node.lines().stream().map(l -> l.split(" ", 4)).toList();
        }
        assertTrue(vectors.size() >= 20, "vectors: " + vectors.size());
    }

    @Test
    void everyServerPacketIsEncodedByteForByteAsTheNpmParserEncodesIt() throws Exception {
        MsgpackEncoder encoder = new MsgpackEncoder(MAPPER);
        int checked = 0;
        for (String[] v : vectors) {
            if (!v[0].equals("server")) {
                continue;
            }
            ObjectNode p = (ObjectNode) withBinary(MAPPER.readTree(v[3]));
            byte[] ours = encoder.encodeToBytes(PacketType.values()[p.get("type").intValue()], p.get("nsp").textValue(),
                    p.has("id") ? p.get("id").longValue() : -1, p.get("data"));
            assertEquals(v[2], HEX.formatHex(ours), v[1]);
            checked++;
        }
        assertEquals(12, checked);
    }

    @Test
    void everyClientPacketDecodesToWhatItMeansInJavaScript() throws Exception {
        int checked = 0;
        for (String[] v : vectors) {
            if (!v[0].equals("client")) {
                continue;
            }
            JsonNode expected = withBinary(MAPPER.readTree(v[3]));
            DecodedPacket p = MsgpackDecoder.INSTANCE.decode(HEX.parseHex(v[2]));
            assertEquals(expected.get("type").intValue(), p.type().ordinal(), v[1]);
            assertEquals(expected.get("nsp").textValue(), p.namespace(), v[1]);
            assertEquals(expected.has("id") ? expected.get("id").longValue() : -1, p.id(), v[1]);
            assertEquals(expected.get("data"), p.data(), v[1]);
            checked++;
        }
        assertEquals(12, checked);
    }

    @Test
    void whatTheNpmParserEncodesForClientsOurDecoderReadsBack() throws Exception {
        for (String[] v : vectors) {
            if (v[0].equals("server")) {
                DecodedPacket p = MsgpackDecoder.INSTANCE.decode(HEX.parseHex(v[2]));
                assertEquals(withBinary(MAPPER.readTree(v[3])).get("data"), p.data(), v[1]);
            }
        }
    }

    /** Replaces the {@code {"$bin": hex}} objects of the script's JSON view with binary nodes. */
    private static JsonNode withBinary(JsonNode n) {
        if (n instanceof ObjectNode o) {
            if (o.size() == 1 && o.has("$bin")) {
                return BinaryNode.valueOf(HEX.parseHex(o.get("$bin").textValue()));
            }
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                e.setValue(withBinary(e.getValue()));
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, withBinary(a.get(i)));
            }
        }
        return n;
    }
}
