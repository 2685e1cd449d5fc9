package io.socketeer.engineio.internal;

import io.socketeer.engineio.AllowRequest;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.engineio.HandshakeRequest;
import io.socketeer.engineio.Transport;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request validation and handshakes over polling (conformance §4.2, §4.3): the open packet, the order of the
 * checks and their exact error answers, and the {@link AllowRequest} hook.
 */
class EngineCoreTest {

    private final RecordingListener listener = RecordingListener.recording();
    private final List<HttpConn> conns = new ArrayList<>();

    @AfterEach
    void finishConnections() {
        for (HttpConn c : conns) {
            assertFalse(c.finish(), "unread output");
        }
    }

    private HttpConn connect(EngineIoOptions options) {
        HttpConn c = new HttpConn(EngineIoServer.create(options, listener));
        conns.add(c);
        return c;
    }

    private HttpConn connect() {
        return connect(EngineIoOptions.defaults());
    }

    @Test
    void pollingHandshakeAnswersTheOpenPacketWithExactlyTheFiveKeys() {
        HttpReply r = connect().get(Eio.handshake(4));

        assertEquals(200, r.status());
        assertEquals("text/plain; charset=UTF-8", r.header("content-type"));
        String sid = Eio.sidOf(r.text());
        assertEquals("0{\"sid\":\"" + sid + "\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000,\"maxPayload\":1000000}", r.text());
        assertEquals(sid, listener.session().id());
        assertEquals(4, listener.session().protocolVersion());
        assertSame(Transport.POLLING, listener.session().transport());
    }

    @Test
    void openPacketReflectsTheConfiguredTimersAndLimit() {
        EngineIoOptions options = EngineIoOptions.builder().pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200)).maxPayload(1234).build();
        String body = connect(options).get(Eio.handshake(4)).text();
        assertTrue(body.endsWith(",\"upgrades\":[\"websocket\"],\"pingInterval\":300,\"pingTimeout\":200,"
                + "\"maxPayload\":1234}"), body);
    }

    @Test
    void openPacketOffersNoUpgradeWhenUpgradesAreOffOrWebSocketIsNotAllowed() {
        String noUpgrades = connect(EngineIoOptions.builder().allowUpgrades(false).build())
                .get(Eio.handshake(4)).text();
        String pollingOnly = connect(EngineIoOptions.builder().transports(Transport.POLLING).build())
                .get(Eio.handshake(4)).text();
        assertTrue(noUpgrades.contains("\"upgrades\":[]"), noUpgrades);
        assertTrue(pollingOnly.contains("\"upgrades\":[]"), pollingOnly);
    }

    @Test
    void v3OpenPacketHasNoMaxPayloadAndALengthPrefix() {
        String body = connect(EngineIoOptions.builder().allowEio3(true).build()).get(Eio.handshake(3)).text();
        String sid = Eio.sidOf(body);
        String packet = "0{\"sid\":\"" + sid + "\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000}";
        assertEquals(packet.length() + ":" + packet, body);
        assertEquals(3, listener.session().protocolVersion());
    }

    @Test
    void sessionIdsAreTwentyFourUrlSafeCharactersAndUnique() {
        HttpConn c = connect();
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
            assertTrue(sid.matches("[A-Za-z0-9_-]{24}"), sid);
            sids.add(sid);
        }
        assertEquals(50, sids.size());
    }

    @Test
    void sessionIsRegisteredWithTheServerUnderItsSid() {
        EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), listener);
        HttpConn c = new HttpConn(server);
        conns.add(c);
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        assertEquals(1, server.sessionCount());
        EngineIoSession s = server.session(sid);
        assertNotNull(s);
        assertTrue(s.isOpen());
        assertNull(server.session("x" + sid));
    }

    @Test
    void handshakeRequestExposesTheQueryAndLowerCaseHeaders() {
        HttpConn c = connect();
        c.get(Eio.handshake(4) + "&token=a%20b&t=burst", "X-Custom: Value");
        HandshakeRequest h = listener.session().handshake();
        assertEquals("GET", h.method());
        assertEquals("a b", h.query("token"));
        assertEquals("burst", h.query("t"));
        assertEquals("Value", h.header("x-custom"));
        assertEquals("Value", h.header("X-CUSTOM"));
        assertTrue(h.headers().containsKey("x-custom"));
        assertEquals(4, h.protocolVersion());
        assertSame(Transport.POLLING, h.transport());
        assertFalse(h.secure());
    }

    /** Requests that must be refused, the status and the exact body. */
    @ParameterizedTest(name = "[{index}] {0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
        GET  | /engine.io/?EIO=4                                   | 400 | {"code":0,"message":"Transport unknown"}
        GET  | /engine.io/?EIO=4&transport=abc                     | 400 | {"code":0,"message":"Transport unknown"}
        GET  | /engine.io/?EIO=4&transport=                        | 400 | {"code":0,"message":"Transport unknown"}
        GET  | /engine.io/?EIO=4&transport=Polling                 | 400 | {"code":0,"message":"Transport unknown"}
        GET  | /engine.io/?EIO=4&transport=polling&sid=nope        | 400 | {"code":1,"message":"Session ID unknown"}
        POST | /engine.io/?EIO=4&transport=polling&sid=nope        | 400 | {"code":1,"message":"Session ID unknown"}
        POST | /engine.io/?EIO=4&transport=polling                 | 400 | {"code":2,"message":"Bad handshake method"}
        PUT  | /engine.io/?EIO=4&transport=polling                 | 400 | {"code":2,"message":"Bad handshake method"}
        GET  | /engine.io/?EIO=4&transport=websocket               | 400 | {"code":3,"message":"Bad request"}
        GET  | /engine.io/?transport=polling                       | 400 | {"code":5,"message":"Unsupported protocol version"}
        GET  | /engine.io/?EIO=abc&transport=polling               | 400 | {"code":5,"message":"Unsupported protocol version"}
        GET  | /engine.io/?EIO=5&transport=polling                 | 400 | {"code":5,"message":"Unsupported protocol version"}
        GET  | /engine.io/?EIO=2&transport=polling                 | 400 | {"code":5,"message":"Unsupported protocol version"}
        GET  | /engine.io/?EIO=04&transport=polling                | 400 | {"code":5,"message":"Unsupported protocol version"}
        GET  | /engine.io/?EIO=4&transport=polling&x=%zz           | 400 | {"code":3,"message":"Bad request"}
        GET  | /engine.io/?EIO=4&transport=polling&x=%            | 400 | {"code":3,"message":"Bad request"}
        """)
    void refusesBadRequestsWithTheReferenceErrorBody(String method, String uri, int status, String body) {
        HttpConn c = connect();
        c.request(method, uri, method.equals("GET") ? null : "4x".getBytes(), new String[0]);
        HttpReply r = c.reply();
        assertEquals(status, r.status());
        assertEquals("application/json", r.header("content-type"));
        assertEquals(body, r.text());
        assertTrue(listener.opened().isEmpty());
        assertTrue(c.isOpen(), "an error answer keeps the connection");
    }

    @Test
    void refusesProtocolV3WhenItIsNotAllowed() {
        HttpReply r = connect(EngineIoOptions.builder().allowEio3(false).build()).get(Eio.handshake(3));
        assertEquals(400, r.status());
        assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", r.text());
    }

    @Test
    void refusesAnUnsupportedProtocolVersionOnEveryRequestOfALiveSession() {
        HttpConn c = connect();
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        String[] targets = {
            "/engine.io/?EIO=2&transport=polling&sid=" + sid,
            "/engine.io/?EIO=99&transport=polling&sid=" + sid,
            "/engine.io/?transport=polling&sid=" + sid,
            "/engine.io/?EIO=3&transport=polling&sid=" + sid, // v3 is not allowed, nor this session's
        };
        for (String target : targets) {
            HttpReply get = c.get(target);
            assertEquals(400, get.status(), target);
            assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", get.text());
            HttpReply post = c.post(target, "4hello");
            assertEquals(400, post.status(), target);
            assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", post.text());
        }
        assertTrue(listener.messages().isEmpty(), "no message was taken from the refused POSTs");
        assertTrue(listener.session().isOpen(), "the session itself lives on");
    }

    @Test
    void refusesAnotherRevisionThanTheSessionsEvenWhenBothAreAllowed() {
        HttpConn c = connect(EngineIoOptions.builder().allowEio3(true).build());
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        HttpReply r = c.get(Eio.poll(3, sid));
        assertEquals(400, r.status());
        assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", r.text());
    }

    @Test
    void refusesATransportThatIsNotEnabled() {
        HttpReply r = connect(EngineIoOptions.builder().transports(Transport.WEBSOCKET).build())
                .get(Eio.handshake(4));
        assertEquals(400, r.status());
        assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}", r.text());
    }

    @Test
    void allowRequestRefusalIsA403WithCodeFour() {
        AtomicReference<HandshakeRequest> seen = new AtomicReference<>();
        EngineIoOptions options = EngineIoOptions.builder()
                .allowRequest(AllowRequest.of(r -> {
                    seen.set(r);
                    return false;
                })).build();
        HttpReply r = connect(options).get(Eio.handshake(4) + "&token=bad");
        assertEquals(403, r.status());
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", r.text());
        assertEquals("bad", seen.get().query("token"));
        assertTrue(listener.opened().isEmpty());
    }

    @Test
    void allowRequestDeniedCarriesTheApplicationsMessage() {
        EngineIoOptions options = EngineIoOptions.builder()
                .allowRequest(r -> CompletableFuture.failedFuture(new AllowRequest.Denied("no \"token\"")))
                .build();
        HttpReply r = connect(options).get(Eio.handshake(4));
        assertEquals(403, r.status());
        assertEquals("{\"code\":4,\"message\":\"no \\\"token\\\"\"}", r.text());
    }

    @Test
    void allowRequestThatThrowsRefusesWithTheGenericMessage() {
        EngineIoOptions options = EngineIoOptions.builder()
                .allowRequest(r -> {
                    throw new IllegalStateException("bug in the hook");
                }).build();
        HttpReply r = connect(options).get(Eio.handshake(4));
        assertEquals(403, r.status());
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", r.text());
    }

    @Test
    void handshakeWaitsForAnAsynchronousVerdict() {
        CompletableFuture<Boolean> verdict = new CompletableFuture<>();
        HttpConn c = connect(EngineIoOptions.builder().allowRequest(r -> verdict).build());
        c.request("GET", Eio.handshake(4), null);
        c.assertNoReply();
        assertTrue(listener.opened().isEmpty());

        verdict.complete(true);
        HttpReply r = c.reply();
        assertEquals(200, r.status());
        assertEquals(Eio.sidOf(r.text()), listener.session().id());
    }

    @Test
    void allowRequestIsNotAskedForRequestsOfAnExistingSession() {
        List<HandshakeRequest> asked = new ArrayList<>();
        HttpConn c = connect(EngineIoOptions.builder().allowRequest(AllowRequest.of(r -> asked.add(r))).build());
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        assertEquals("ok", c.post(Eio.poll(sid), "4hi").text());
        assertEquals(1, asked.size());
    }

    @Test
    void validationChecksTheTransportBeforeTheProtocolVersion() {
        // both are wrong; the reference reports the transport first
        HttpReply r = connect().get("/engine.io/?EIO=9&transport=abc");
        assertEquals("{\"code\":0,\"message\":\"Transport unknown\"}", r.text());
    }

    @Test
    void refusesNewSessionsOnceTheServerShutsDown() {
        EngineIoServer server = EngineIoServer.create(EngineIoOptions.defaults(), listener);
        HttpConn c = new HttpConn(server);
        conns.add(c);
        server.close().join();
        HttpReply r = c.get(Eio.handshake(4));
        assertEquals(400, r.status());
        assertEquals("{\"code\":3,\"message\":\"Bad request\"}", r.text());
    }
}
