package io.socketeer.socketio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.socketio.adapter.PacketType;
import io.socketeer.socketio.internal.parser.BinaryReassembler;
import io.socketeer.socketio.internal.parser.Packet;
import io.socketeer.socketio.internal.parser.PacketDecoder;
import io.socketeer.socketio.internal.parser.PacketEncoder;
import io.socketeer.socketio.internal.parser.ParseException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the Socket.IO codec: the packet decoder in protocol v5 and v4 modes, and the
 * reassembly of binary attachments. The decoder may only answer with a packet or a {@link ParseException};
 * a packet without attachments survives encoding and decoding again unchanged; a reassembled packet holds
 * no placeholder any more.
 *
 * <p>The normal test run replays the seeds under {@code src/test/resources/io/socketeer/socketio/fuzz/
 * ParserFuzzTestInputs/<method>/}. A long fuzzing session runs one target at a time ({@code scripts/fuzz}
 * does it for one or all targets), for example by hand:
 * <pre>
 * JAZZER_FUZZ=1 mvn test -pl socketio -am -Dtest='ParserFuzzTest#decodeV5' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.internal.arg.0=fuzz \
 *     -Djazzer.internal.arg.1=-max_total_time=3600 -Djazzer.internal.arg.2=-runs=10000000
 * </pre>
 * ({@code jazzer.internal.arg.N} are libFuzzer's arguments, the first one standing for the program name;
 * {@code -max_total_time} in seconds overrides the annotation's {@code maxDuration}.)
 */
class ParserFuzzTest {

    /** The longest fuzzing session a target gets unless told otherwise on the command line. */
    static final String MAX_DURATION = "5m";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PacketDecoder V5 = new PacketDecoder(MAPPER, 10, false);
    private static final PacketDecoder V4 = new PacketDecoder(MAPPER, 10, true);
    private static final PacketEncoder ENCODER = new PacketEncoder(MAPPER);

    @FuzzTest(maxDuration = MAX_DURATION)
    void decodeV5(byte[] input) throws Exception {
        PacketDecoder.Decoded d = decode(V5, input);
        if (d == null || d.attachments() > 0) {
            return;
        }
        Packet p = d.packet();
        List<EngineIoMessage> encoded = ENCODER.encode(p.type(), p.namespace(), p.id(), p.data());
        assertEquals(1, encoded.size(), "a packet without binary data is one text message");
        if (hasNonFinite(p.data())) {
            // A number too large for a double (1e999) decodes as Infinity and is written as null, as
            // JavaScript's JSON.stringify does; the packet need not decode the same (or at all: [1e999] is an
            // event named by a number, [null] none) any more.
            return;
        }
        Packet q = V5.decode(encoded.get(0).text()).packet();
        assertEquals(p.type(), q.type());
        assertEquals(p.namespace(), q.namespace());
        assertEquals(p.id(), q.id());
        // numbers compare by value: a double with an integral value is written as JavaScript writes it (1500.0
        // as 1500) and reads back as an integer
        assertTrue(p.data() == null ? q.data() == null : q.data() != null && p.data().equals(SAME_VALUE, q.data()),
                () -> p + " read back as " + q);
    }

    private static final java.util.Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static boolean hasNonFinite(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasNonFinite(child)) {
                return true;
            }
        }
        return false;
    }

    @FuzzTest(maxDuration = MAX_DURATION)
    void decodeV4(byte[] input) throws Exception {
        PacketDecoder.Decoded d = decode(V4, input);
        if (d != null && d.packet().type() == PacketType.CONNECT) {
            assertTrue(d.packet().data() == null, "a v4 CONNECT carries no JSON");
        }
    }

    /**
     * The input is the text of a binary packet, then its attachments, each after a record separator
     * ({@code 0x1e}, as in a v4 polling payload).
     */
    @FuzzTest(maxDuration = MAX_DURATION)
    void reassemble(byte[] input) throws Exception {
        List<byte[]> records = split(input);
        PacketDecoder.Decoded d = decode(V5, records.get(0));
        if (d == null || d.attachments() == 0) {
            return;
        }
        BinaryReassembler reassembler = new BinaryReassembler();
        reassembler.start(d.packet(), d.attachments());
        Packet complete = null;
        for (int i = 1; i < records.size() && complete == null; i++) {
            try {
                complete = reassembler.add(records.get(i));
            } catch (ParseException e) {
                assertFalse(reassembler.awaiting(), "a refused attachment ends the packet");
                return;
            }
        }
        if (complete == null) {
            assertTrue(reassembler.awaiting());
            return;
        }
        assertFalse(reassembler.awaiting());
        assertEquals(d.packet().type(), complete.type());
        assertNoPlaceholder(complete.data());
    }

    private static PacketDecoder.Decoded decode(PacketDecoder decoder, byte[] input) {
        try {
            return decoder.decode(new String(input, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return null;
        }
    }

    private static List<byte[]> split(byte[] input) {
        List<byte[]> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == 0x1e) {
                records.add(Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }
        return records;
    }

    private static void assertNoPlaceholder(JsonNode node) {
        if (node.isObject()) {
            JsonNode marker = node.get("_placeholder");
            assertFalse(marker != null && marker.isBoolean() && marker.booleanValue()
                    && node.path("num").isInt(), () -> "placeholder left: " + node);
        }
        for (JsonNode child : node) {
            assertNoPlaceholder(child);
        }
    }
}
