package io.socketeer.engineio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.testkit.FuzzConnection;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the WebSocket side: after a valid handshake of a WebSocket-only session, the raw bytes of the
 * client's frames (headers, masks, lengths, fragments, control frames, permessage-deflate data) go through
 * the pipeline of a standalone server. The first byte chooses the session: {@code 3} protocol v3, {@code d}
 * v4 with permessage-deflate negotiated, anything else v4. Invariants: no exception reaches Netty but the
 * documented closes (protocol violation, invalid UTF-8 1007, too long 1009), no buffer leaks, and the session
 * ends with its connection. Long runs: see {@link ProtocolFuzzTest}.
 */
class WebSocketFuzzTest {

    private static final String UPGRADE = "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    private static final EchoListener LISTENER = new EchoListener();
    private static final EngineIoServer SERVER = EngineIoServer.create(EngineIoOptions.builder().allowEio3(true)
            .maxPayload(16 * 1024).build(), LISTENER);
    private static final EngineIoServer DEFLATE = EngineIoServer.create(EngineIoOptions.builder().allowEio3(true)
            .maxPayload(16 * 1024).perMessageDeflate(true).build(), LISTENER);

    @FuzzTest(maxDuration = ProtocolFuzzTest.MAX_DURATION)
    void rawFrames(byte[] input) {
        char mode = input.length == 0 ? '4' : (char) input[0];
        byte[] frames = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        EngineIoServer server = mode == 'd' ? DEFLATE : SERVER;
        FuzzConnection c = Connections.open(server);
        c.write("GET /engine.io/?EIO=" + (mode == '3' ? 3 : 4) + "&transport=websocket HTTP/1.1\r\n" + UPGRADE
                + (mode == 'd' ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "") + "\r\n");
        String answer = c.takeOutput();
        assertTrue(answer.startsWith("HTTP/1.1 101 "), answer);
        assertTrue(mode != 'd' || answer.contains("permessage-deflate"), answer);
        c.probeWebSocket();
        c.write(frames);
        c.finish();
        LISTENER.assertEveryOpenSessionClosedOnce();
    }
}
