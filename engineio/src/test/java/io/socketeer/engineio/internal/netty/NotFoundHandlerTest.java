package io.socketeer.engineio.internal.netty;

import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end of a standalone server's pipeline: 404 for unclaimed requests, and the status that names what
 * the HTTP decoder could not read.
 */
class NotFoundHandlerTest {

    private final RecordingListener listener = RecordingListener.recording();

    private HttpConn connect(EngineIoOptions options) {
        return new HttpConn(EngineIoServer.create(options, listener));
    }

    @Test
    void answersUnclaimedRequestsWith404AndKeepsTheConnection() {
        HttpConn c = connect(EngineIoOptions.defaults());
        HttpReply r = c.get("/favicon.ico");
        assertEquals(404, r.status());
        assertEquals("0", r.header("content-length"));
        assertEquals("keep-alive", r.header("connection"));
        assertTrue(c.isOpen());
        assertEquals(404, c.post("/form", "a=1").status());
        assertFalse(c.finish());
    }

    @Test
    void closesAfterThe404WhenTheClientAsks() {
        HttpConn c = connect(EngineIoOptions.defaults());
        HttpReply r = c.get("/x", "Connection: close");
        assertEquals(404, r.status());
        assertEquals("close", r.header("connection"));
        assertFalse(c.isOpen());
        assertFalse(c.finish());
    }

    @Test
    void answersARequestLineLongerThanTheLimitWith431AsNodeDoes() {
        // Node counts the request line in its header limit and answers 431 for both, never 414
        HttpConn c = connect(EngineIoOptions.builder().maxUrlLength(200).build());
        HttpReply r = c.get("/engine.io/?EIO=4&transport=polling&pad=" + "x".repeat(300));
        assertEquals(431, r.status());
        assertFalse(c.isOpen());
        assertTrue(listener.opened().isEmpty());
        assertFalse(c.finish());
    }

    @Test
    void answersHeadersLargerThanTheLimitWith431() {
        HttpConn c = connect(EngineIoOptions.builder().maxHttpHeaderSize(1024).build());
        HttpReply r = c.get("/other", "X-Big: " + "y".repeat(2000));
        assertEquals(431, r.status());
        assertFalse(c.isOpen());
        assertFalse(c.finish());
    }

    @Test
    void answersAnUnparsableRequestWith400() {
        HttpConn c = connect(EngineIoOptions.defaults());
        c.writeRaw("NOT HTTP AT ALL\r\n\r\n");
        HttpReply r = c.reply();
        assertEquals(400, r.status());
        assertFalse(c.isOpen());
        assertFalse(c.finish());
    }
}
