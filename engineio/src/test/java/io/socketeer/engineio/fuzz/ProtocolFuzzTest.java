package io.socketeer.engineio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.internal.protocol.Packets;
import io.socketeer.engineio.internal.protocol.ParseException;
import io.socketeer.engineio.internal.protocol.PayloadV3;
import io.socketeer.engineio.internal.protocol.PayloadV4;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the pure Engine.IO codecs that read client bytes. Each target may only answer
 * with its packets or a {@link ParseException}; anything else it throws is a finding. What decodes must
 * survive being encoded and decoded again unchanged.
 *
 * <p>The normal test run replays the seeds under {@code src/test/resources/io/socketeer/engineio/fuzz/
 * ProtocolFuzzTestInputs/<method>/} (real packets and payloads) and every finding that was kept there. A
 * long fuzzing session runs one target at a time (Jazzer fuzzes the first {@code @FuzzTest} it meets);
 * {@code scripts/fuzz} runs one or all of them that way, niced, for a number of executions or a duration,
 * and sums each up. By hand, for example for an hour or ten million inputs, whichever comes first:
 * <pre>
 * JAZZER_FUZZ=1 mvn test -pl engineio -am -Dtest='ProtocolFuzzTest#payloadV4' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.internal.arg.0=fuzz \
 *     -Djazzer.internal.arg.1=-max_total_time=3600 -Djazzer.internal.arg.2=-runs=10000000
 * </pre>
 * {@code JAZZER_FUZZ} also switches on the module's {@code fuzzing} profile (Jazzer's hooks, cheaper leak
 * tracking). The {@code jazzer.internal.arg.N} properties are libFuzzer's command line, the first standing
 * for the program name; Jazzer puts them after the annotation's, so {@code -max_total_time} (seconds)
 * overrides its {@code maxDuration}. The same command runs every target of both modules:
 * {@code ProtocolFuzzTest#payloadV3String},
 * {@code #payloadV3Binary}, {@code #packetV3String}, {@code #jsonpData}, {@code #textPacket},
 * {@code HttpFuzzTest#rawRequests}, {@code HttpFuzzTest#pollingBodies}, {@code WebSocketFuzzTest#rawFrames},
 * and with {@code -pl socketio} {@code ParserFuzzTest#decodeV5}, {@code #decodeV4}, {@code #reassemble} and
 * {@code ClientFuzzTest#frames}. The corpus grows in {@code <module>/.cifuzz-corpus/}; a finding is written
 * as {@code crash-…} into the method's inputs folder, where it stays as a regression test (rename it
 * {@code finding-…} after the fix).
 */
class ProtocolFuzzTest {

    /** The longest fuzzing session a target gets unless told otherwise on the command line. */
    static final String MAX_DURATION = "5m";

    /**
     * Buffers for the round trips: heap and untracked, as the codecs allocate nothing that could leak and
     * the leak detector's stack traces would cost most of the fuzzer's time.
     */
    private static final ByteBufAllocator HEAP = new UnpooledByteBufAllocator(false, true);

    @FuzzTest(maxDuration = MAX_DURATION)
    void payloadV4(byte[] input) throws Exception {
        // a body whose readable bytes do not start at index 0; not from an allocator, so the leak detector
        // (nothing to find in a decoder that allocates no buffer) does not slow the fuzzer down
        byte[] framed = new byte[input.length + 1];
        System.arraycopy(input, 0, framed, 1, input.length);
        ByteBuf body = Unpooled.wrappedBuffer(framed).skipBytes(1);
        List<EngineIoMessage> packets;
        try {
            packets = PayloadV4.decode(body);
        } catch (ParseException e) {
            return;
        } finally {
            assertEquals(1, body.readerIndex(), "the decoder must not move the reader index");
            body.release();
        }
        assertFalse(packets.isEmpty());
        ByteBuf encoded = PayloadV4.encode(packets, HEAP);
        try {
            assertEquals(packets, PayloadV4.decode(encoded));
        } finally {
            encoded.release();
        }
    }

    @FuzzTest(maxDuration = MAX_DURATION)
    void payloadV3String(byte[] input) throws Exception {
        List<EngineIoMessage> packets;
        try {
            packets = PayloadV3.decodeString(new String(input, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return;
        }
        assertFalse(packets.isEmpty());
        ByteBuf encoded = PayloadV3.encodeString(packets, HEAP);
        try {
            assertEquals(packets, PayloadV3.decodeString(encoded.toString(StandardCharsets.UTF_8)));
        } finally {
            encoded.release();
        }
    }

    @FuzzTest(maxDuration = MAX_DURATION)
    void payloadV3Binary(byte[] input) throws Exception {
        ByteBuf body = Unpooled.wrappedBuffer(input);
        List<EngineIoMessage> packets;
        try {
            packets = PayloadV3.decodeBinary(body);
        } catch (ParseException e) {
            return;
        } finally {
            assertEquals(0, body.readerIndex(), "the decoder must not move the reader index");
            body.release();
        }
        assertFalse(packets.isEmpty());
        ByteBuf encoded = PayloadV3.encodeBinary(packets, HEAP);
        try {
            assertEquals(packets, PayloadV3.decodeBinary(encoded));
        } finally {
            encoded.release();
        }
    }

    @FuzzTest(maxDuration = MAX_DURATION)
    void packetV3String(byte[] input) throws Exception {
        EngineIoMessage packet;
        try {
            packet = PayloadV3.decodePacketString(new String(input, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            return;
        }
        assertTypeDigitIsKnown(packet);
    }

    @FuzzTest(maxDuration = MAX_DURATION)
    void jsonpData(byte[] input) {
        String d = new String(input, StandardCharsets.UTF_8);
        String payload = PayloadV3.unescapeJsonpData(d);
        assertTrue(payload.length() <= d.length(), "unescaping never grows the text");
        if (d.indexOf('\\') < 0) {
            assertEquals(d, payload);
        }
    }

    @FuzzTest(maxDuration = MAX_DURATION)
    void textPacket(byte[] input) {
        EngineIoMessage packet;
        try {
            packet = Packets.decodeText(input.clone());
        } catch (ParseException e) {
            return;
        }
        assertFalse(packet.isBinary());
        assertTypeDigitIsKnown(packet);
        assertEquals(input.length - 1, packet.size());
        packet.text(); // whatever the bytes, reading the data must not throw
    }

    private static void assertTypeDigitIsKnown(EngineIoMessage packet) {
        if (!packet.isBinary()) {
            assertTrue(Packets.type(packet) != null, "a decoded text packet has a known type");
        }
    }
}
