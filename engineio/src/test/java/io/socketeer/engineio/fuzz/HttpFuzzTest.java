package io.socketeer.engineio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.socketeer.engineio.CorsOptions;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.testkit.FuzzConnection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the HTTP side of the server end to end, through the pipeline of a standalone server
 * ({@link FuzzConnection}): whole raw requests (request line, query string, headers, body, several
 * pipelined, a WebSocket upgrade with frames after it), and polling POST bodies sent to a session opened by
 * a valid handshake. Invariants: no exception reaches Netty, no buffer leaks, every answer is one the
 * reference gives (never a 5xx), a POST is answered at once, and every session ends once its heartbeat
 * runs out. Long runs: see {@link ProtocolFuzzTest}.
 */
class HttpFuzzTest {

    private static final Set<Integer> ANSWERS = Set.of(100, 101, 200, 204, 400, 403, 404, 413, 414, 426, 431);
    private static final Pattern SID = Pattern.compile("sid\\\\?\":\\\\?\"([A-Za-z0-9_-]+)");

    private static final EchoListener LISTENER = new EchoListener();
    private static final EngineIoServer SERVER = EngineIoServer.create(EngineIoOptions.builder().allowEio3(true)
            .maxPayload(16 * 1024)
            .cors(CorsOptions.builder().allowOrigins("https://example.com").allowCredentials().build())
            .build(), LISTENER);

    @FuzzTest(maxDuration = ProtocolFuzzTest.MAX_DURATION)
    void rawRequests(byte[] input) {
        FuzzConnection c = Connections.open(SERVER);
        c.write(input);
        c.probeWebSocket();
        c.finish();
        for (int code : HttpAnswers.statuses(c.takeOutput())) {
            assertTrue(ANSWERS.contains(code), () -> "answered " + code);
        }
        LISTENER.assertEveryOpenSessionClosedOnce();
    }

    /**
     * The first byte chooses the session: {@code 3} a v3 session with string payloads, {@code b} v3 with
     * binary payloads ({@code application/octet-stream}), {@code j} v3 JSONP (the body is the form), anything
     * else v4. The rest is the body of a POST to that session, followed by a GET.
     */
    @FuzzTest(maxDuration = ProtocolFuzzTest.MAX_DURATION)
    void pollingBodies(byte[] input) {
        char mode = input.length == 0 ? '4' : (char) input[0];
        byte[] body = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        String query = switch (mode) {
            case '3', 'b' -> "EIO=3&transport=polling";
            case 'j' -> "EIO=3&transport=polling&j=0";
            default -> "EIO=4&transport=polling";
        };
        String type = switch (mode) {
            case 'b' -> "application/octet-stream";
            case 'j' -> "application/x-www-form-urlencoded";
            default -> "text/plain;charset=UTF-8";
        };
        FuzzConnection c = Connections.open(SERVER);
        c.write("GET /engine.io/?" + query + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        String open = c.takeOutput();
        assertEquals(List.of(200), HttpAnswers.statuses(open), open);
        Matcher m = SID.matcher(open);
        assertTrue(m.find(), open);
        String target = "/engine.io/?" + query + "&sid=" + m.group(1);

        byte[] head = ("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] post = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, post, head.length, body.length);
        c.write(post);
        List<Integer> answer = HttpAnswers.statuses(c.takeOutput());
        assertTrue(answer.equals(List.of(200)) || answer.equals(List.of(400)), () -> "POST answered " + answer);

        c.write("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        c.finish();
        for (int code : HttpAnswers.statuses(c.takeOutput())) {
            assertTrue(code == 200 || code == 400, () -> "GET answered " + code);
        }
        LISTENER.assertEveryOpenSessionClosedOnce();
    }
}
