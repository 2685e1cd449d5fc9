package io.socketeer.engineio.internal;

import io.socketeer.engineio.AllowRequest;
import io.socketeer.engineio.ConnectionError;
import io.socketeer.engineio.EngineIoObserver;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import io.socketeer.engineio.testing.WsConn;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every Engine.IO error answer reaches the observer's {@code connectionError} (the reference's
 * {@code connection_error} event) with its code, message, request and session id: refused handshakes, requests
 * of unknown or closed sessions, overlapping polls, undecodable queries and refused upgrades alike.
 */
class ConnectionErrorTest {

    private final List<ConnectionError> errors = new ArrayList<>();
    private final List<String> handshakesRefused = new ArrayList<>();
    private final EngineIoObserver observer = new EngineIoObserver() {
        @Override
        public void connectionError(ConnectionError error) {
            errors.add(error);
        }

        @Override
        public void handshakeRefused(String reason) {
            handshakesRefused.add(reason);
        }
    };
    private final RecordingListener listener = RecordingListener.recording();

    private EngineIoServer server(EngineIoOptions.Builder options) {
        return EngineIoServer.create(options.observer(observer).build(), listener);
    }

    private static String brief(ConnectionError e) {
        return e.code() + " " + e.message() + " " + e.method() + " sid=" + e.sid();
    }

    @Test
    void refusedHandshakesAndRequestsOfUnknownSessionsAreReported() {
        HttpConn c = new HttpConn(server(EngineIoOptions.builder()
                .allowRequest(AllowRequest.of(r -> r.query("token") != null))));
        assertEquals(400, c.get("/engine.io/?EIO=4&transport=carrier-pigeon&token=t").status());
        assertEquals(403, c.get(Eio.handshake(4)).status());
        assertEquals(400, c.post(Eio.poll(4, "gone"), "4x").status());
        assertEquals(400, c.get("/engine.io/?EIO=4&transport=polling&x=%zz").status());

        assertEquals(List.of("0 Transport unknown GET sid=null", "4 Forbidden GET sid=null",
                "1 Session ID unknown POST sid=gone", "3 Bad request GET sid=null"),
                errors.stream().map(ConnectionErrorTest::brief).toList());
        assertEquals("/engine.io/?EIO=4&transport=carrier-pigeon&token=t", errors.get(0).uri());
        assertEquals(List.of("Transport unknown", "Forbidden"), handshakesRefused.subList(0, 2));
        assertFalse(c.finish());
    }

    @Test
    void anOverlappingPollAndAPollOfAClosedSessionAreReported() {
        HttpConn c = new HttpConn(server(EngineIoOptions.builder()));
        String sid = Eio.sidOf(c.get(Eio.handshake(4)).text());
        c.request("GET", Eio.poll(4, sid), null);         // held
        c.request("GET", Eio.poll(4, sid), null);         // overlaps: refused, the session closes
        List<HttpReply> replies = c.replies();
        assertEquals(2, replies.size(), "the overlap refused and the held poll released: " + replies);
        HttpReply late = c.get(Eio.poll(4, sid));
        assertEquals(400, late.status());

        assertEquals(List.of("3 Bad request GET sid=" + sid, "1 Session ID unknown GET sid=" + sid),
                errors.stream().map(ConnectionErrorTest::brief).toList());
        assertFalse(c.finish());
    }

    @Test
    void aRefusedUpgradeIsReported() {
        WsConn ws = WsConn.upgrade(server(EngineIoOptions.builder()), Eio.websocket("nope"));
        assertEquals(400, ws.status());
        assertEquals(List.of("1 Session ID unknown GET sid=nope"),
                errors.stream().map(ConnectionErrorTest::brief).toList());
        ws.finish();
    }
}
