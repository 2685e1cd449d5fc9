package io.socketeer.engineio.internal.transport;

import io.socketeer.engineio.CorsOptions;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answers of the HTTP endpoint: CORS headers on payloads, {@code ok} and errors; preflight answers; and
 * the JSON of error bodies.
 */
class HttpResponsesTest {

    private static final String ORIGIN = "Origin: https://app.example";

    private final RecordingListener listener = RecordingListener.recording();
    private final List<HttpConn> conns = new ArrayList<>();

    @AfterEach
    void finishConnections() {
        for (HttpConn c : conns) {
            assertFalse(c.finish(), "unread output");
        }
    }

    private HttpConn connect(CorsOptions cors) {
        HttpConn c = new HttpConn(EngineIoServer.create(EngineIoOptions.builder().cors(cors).build(), listener));
        conns.add(c);
        return c;
    }

    private static List<String> corsHeaderNames(HttpReply r) {
        List<String> names = new ArrayList<>();
        r.headers().names().forEach(n -> {
            if (n.toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                names.add(n);
            }
        });
        return names;
    }

    /** Header names in a Vary value are case-insensitive. */
    private static List<String> lowerCase(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    @Test
    void sendsNoCorsHeadersByDefault() {
        HttpConn c = connect(null);
        HttpReply r = c.get(Eio.handshake(4), ORIGIN);
        assertEquals(200, r.status());
        assertEquals(List.of(), corsHeaderNames(r));
        assertNull(r.header("vary"));
    }

    @Test
    void withoutCorsAnOptionsRequestIsJustABadHandshakeMethod() {
        HttpConn c = connect(null);
        c.request("OPTIONS", Eio.handshake(4), null, ORIGIN, "Access-Control-Request-Method: POST");
        HttpReply r = c.reply();
        assertEquals(400, r.status());
        assertEquals("{\"code\":2,\"message\":\"Bad handshake method\"}", r.text());
        assertEquals(List.of(), corsHeaderNames(r));
    }

    @Test
    void echoesAnAllowedOriginWithVaryOrigin() {
        HttpConn c = connect(CorsOptions.builder().allowOrigins("https://app.example").build());
        HttpReply r = c.get(Eio.handshake(4), ORIGIN);
        assertEquals("https://app.example", r.header("access-control-allow-origin"));
        assertEquals(List.of("origin"), lowerCase(r.headers().getAll("vary")));
        assertNull(r.header("access-control-allow-credentials"));
    }

    @Test
    void sendsNoCorsHeadersToAnOriginThatIsNotAllowed() {
        HttpConn c = connect(CorsOptions.builder().allowOrigins("https://app.example").build());
        HttpReply other = c.get(Eio.handshake(4), "Origin: https://evil.example");
        HttpReply lookalike = c.get(Eio.handshake(4), "Origin: https://app.example.evil");
        HttpReply none = c.get(Eio.handshake(4));
        assertEquals(200, other.status()); // CORS is the browser's business: the answer itself is normal
        assertEquals(List.of(), corsHeaderNames(other));
        assertEquals(List.of(), corsHeaderNames(lookalike));
        assertEquals(List.of(), corsHeaderNames(none));
    }

    @Test
    void allowsOriginsChosenByAPredicate() {
        HttpConn c = connect(CorsOptions.builder().allowOrigin(o -> o.endsWith(".example")).build());
        assertEquals("https://app.example", c.get(Eio.handshake(4), ORIGIN).header("access-control-allow-origin"));
    }

    @Test
    void anyOriginIsAnsweredWithAStarAndNoVary() {
        HttpConn c = connect(CorsOptions.builder().allowAnyOrigin().build());
        HttpReply r = c.get(Eio.handshake(4), ORIGIN);
        assertEquals("*", r.header("access-control-allow-origin"));
        assertNull(r.header("vary"));
    }

    @Test
    void sendsCredentialsAndExposedHeadersWhenConfigured() {
        HttpConn c = connect(CorsOptions.builder().allowOrigins("https://app.example").allowCredentials()
                .exposedHeaders("X-A", "X-B").build());
        HttpReply r = c.get(Eio.handshake(4), ORIGIN);
        assertEquals("true", r.header("access-control-allow-credentials"));
        assertEquals("X-A,X-B", r.header("access-control-expose-headers"));
    }

    @Test
    void addsCorsHeadersToOkAndErrorAnswersToo() {
        HttpConn c = connect(CorsOptions.builder().allowOrigins("https://app.example").build());
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        HttpReply ok = c.post(Eio.poll(sid), "4x", ORIGIN);
        HttpReply error = c.get(Eio.poll("unknown"), ORIGIN);
        assertEquals("ok", ok.text());
        assertEquals("https://app.example", ok.header("access-control-allow-origin"));
        assertEquals(400, error.status());
        assertEquals("https://app.example", error.header("access-control-allow-origin"));
    }

    @Test
    void answersAPreflightWithMethodsAndTheRequestedHeaders() {
        HttpConn c = connect(CorsOptions.builder().allowOrigins("https://app.example").build());
        c.request("OPTIONS", Eio.handshake(4), null, ORIGIN, "Access-Control-Request-Method: POST",
                "Access-Control-Request-Headers: content-type,x-token");
        HttpReply r = c.reply();
        assertEquals(204, r.status());
        assertEquals(0, r.body().length);
        assertEquals("https://app.example", r.header("access-control-allow-origin"));
        assertEquals("GET,POST", r.header("access-control-allow-methods"));
        assertEquals("content-type,x-token", r.header("access-control-allow-headers"));
        assertEquals(List.of("origin", "access-control-request-headers"), lowerCase(r.headers().getAll("vary")));
        assertNull(r.header("access-control-max-age"));
        assertTrue(listener.opened().isEmpty(), "a preflight opens no session");
    }

    @Test
    void answersAPreflightWithConfiguredHeadersMethodsAndMaxAge() {
        HttpConn c = connect(CorsOptions.builder().allowOrigins("https://app.example").methods("GET", "POST", "PUT")
                .allowedHeaders("X-Token").maxAge(Duration.ofMinutes(10)).build());
        c.request("OPTIONS", Eio.handshake(4), null, ORIGIN, "Access-Control-Request-Headers: x-other");
        HttpReply r = c.reply();
        assertEquals(204, r.status());
        assertEquals("GET,POST,PUT", r.header("access-control-allow-methods"));
        assertEquals("X-Token", r.header("access-control-allow-headers"));
        assertEquals("600", r.header("access-control-max-age"));
    }

    @Test
    void answersAPreflightFromAForeignOriginWithoutCorsHeaders() {
        HttpConn c = connect(CorsOptions.builder().allowOrigins("https://app.example").build());
        c.request("OPTIONS", Eio.handshake(4), null, "Origin: https://evil.example",
                "Access-Control-Request-Method: POST");
        HttpReply r = c.reply();
        assertEquals(204, r.status());
        assertEquals(List.of(), corsHeaderNames(r));
    }

    @Test
    void quotesErrorMessagesAsJson() {
        assertEquals("\"plain\"", HttpResponses.jsonString("plain"));
        assertEquals("\"a\\\"b\\\\c\"", HttpResponses.jsonString("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\u0001\\u001f\"", HttpResponses.jsonString("\n\r\t\u0001\u001f"));
        assertEquals("\"é€😀\"", HttpResponses.jsonString("é€😀"));
    }

    @Test
    void namesTheReferenceErrorMessages() {
        assertEquals("Transport unknown", HttpResponses.message(HttpResponses.UNKNOWN_TRANSPORT));
        assertEquals("Session ID unknown", HttpResponses.message(HttpResponses.UNKNOWN_SID));
        assertEquals("Bad handshake method", HttpResponses.message(HttpResponses.BAD_HANDSHAKE_METHOD));
        assertEquals("Bad request", HttpResponses.message(HttpResponses.BAD_REQUEST));
        assertEquals("Forbidden", HttpResponses.message(HttpResponses.FORBIDDEN));
        assertEquals("Unsupported protocol version", HttpResponses.message(HttpResponses.UNSUPPORTED_PROTOCOL_VERSION));
    }
}
