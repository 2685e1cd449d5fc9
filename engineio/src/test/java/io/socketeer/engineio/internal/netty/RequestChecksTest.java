package io.socketeer.engineio.internal.netty;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the Node reference refuses in its HTTP parser, before a route sees them, get the same status here:
 * long heads (431, the URL included), HTTP versions other than 1.x and request targets that are not clean
 * UTF-8 (400); a long query within Node's 16 KiB is served.
 */
class RequestChecksTest {

    private final RecordingListener listener = RecordingListener.recording();

    private HttpConn connect() {
        return new HttpConn(EngineIoServer.create(EngineIoOptions.defaults(), listener));
    }

    @Test
    void servesAHandshakeWhoseQueryCarriesTwelveKilobytesOfTokens() {
        HttpConn c = connect();
        HttpReply r = c.get(Eio.handshake(4) + "&token=" + "t".repeat(12 * 1024));
        assertEquals(200, r.status(), r.text());
        assertEquals(1, listener.opened().size());
    }

    @Test
    void answersARequestLineBeyondSixteenKilobytesWith431() {
        HttpConn c = connect();
        HttpReply r = c.get(Eio.handshake(4) + "&token=" + "t".repeat(17 * 1024));
        assertEquals(431, r.status());
        assertFalse(c.isOpen());
        assertTrue(listener.opened().isEmpty());
        assertFalse(c.finish());
    }

    @Test
    void answersAnHttpVersionOtherThanOneWith400OnTheEngineIoPath() {
        HttpConn c = connect();
        c.writeRaw("GET " + Eio.handshake(4) + " HTTP/9.9\r\nHost: x\r\n\r\n");
        assertEquals(400, c.reply().status());
        assertTrue(listener.opened().isEmpty(), "no handshake");
        assertFalse(c.isOpen());
        assertFalse(c.finish());
    }

    @Test
    void answersAnHttpVersionOtherThanOneWith400ElsewhereToo() {
        HttpConn c = connect();
        c.writeRaw("GET /other HTTP/2.5\r\nHost: x\r\n\r\n");
        assertEquals(400, c.reply().status());
        assertFalse(c.finish());
    }

    @Test
    void answersInvalidUtf8InTheRequestTargetWith400() {
        HttpConn c = connect();
        byte[] head = ("GET " + Eio.handshake(4) + "&x=\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        c.writeRaw(head);
        assertEquals(400, c.reply().status());
        assertTrue(listener.opened().isEmpty(), "no handshake");
        assertFalse(c.finish());
    }

    @Test
    void answersAControlCharacterInTheRequestTargetWith400() {
        HttpConn c = connect();
        c.writeRaw("GET " + Eio.handshake(4) + "&x=\u0001 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(400, c.reply().status());
        assertFalse(c.finish());
    }

    @Test
    void servesValidUtf8InTheRequestTarget() {
        HttpConn c = connect();
        byte[] head = ("GET " + Eio.handshake(4) + "&name=caf\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        c.writeRaw(head);
        assertEquals(200, c.reply().status());
        assertEquals(1, listener.opened().size());
    }
}
