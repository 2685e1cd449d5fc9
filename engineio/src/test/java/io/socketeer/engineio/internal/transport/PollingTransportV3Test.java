package io.socketeer.engineio.internal.transport;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.testing.Eio;
import io.socketeer.engineio.testing.HttpConn;
import io.socketeer.engineio.testing.HttpReply;
import io.socketeer.engineio.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Protocol v3 long-polling (socket.io-client 2.x): the payload format chosen per session from the handshake
 * query (binary payloads, {@code b64} string payloads, or JSONP), in both directions.
 */
class PollingTransportV3Test {

    private static final byte FF = (byte) 0xFF;
    private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

    private final RecordingListener listener = RecordingListener.echoing();
    private final EngineIoServer server = EngineIoServer.create(EngineIoOptions.builder().allowEio3(true).build(), listener);
    private final HttpConn a = new HttpConn(server);

    @AfterEach
    void finishConnection() {
        assertFalse(a.finish(), "unread output");
    }

    private String handshake(String extra) {
        assertEquals(200, a.get(Eio.handshake(3) + extra).status());
        return listener.session().id();
    }

    @Test
    void textOnlyAnswersAreStringPayloadsWithUtf16Lengths() {
        String sid = handshake("");
        assertEquals("ok", a.post(Eio.poll(3, sid), "6:4hello3:4😀").text());
        HttpReply r = a.get(Eio.poll(3, sid));
        assertEquals("text/plain; charset=UTF-8", r.header("content-type"));
        assertEquals("6:4hello3:4😀", r.text());
        assertEquals("😀", listener.messages().get(1).text());
    }

    @Test
    void binaryGoesOutAsABinaryPayloadToAClientThatSupportsIt() {
        String sid = handshake("");
        listener.opened().get(0).send("hello");
        listener.opened().get(0).send(new byte[] {1, 2, 3, 4});
        HttpReply r = a.get(Eio.poll(3, sid));
        assertEquals("application/octet-stream", r.header("content-type"));
        assertArrayEquals(new byte[] {0, 6, FF, '4', 'h', 'e', 'l', 'l', 'o', 1, 5, FF, 4, 1, 2, 3, 4}, r.body());
    }

    @Test
    void binaryGoesOutAsBase64WhenTheHandshakeAskedForIt() {
        String sid = handshake("&b64=1");
        listener.opened().get(0).send(new byte[] {1, 2, 3, 4});
        HttpReply r = a.get(Eio.poll(3, sid));
        assertEquals("text/plain; charset=UTF-8", r.header("content-type"));
        assertEquals("10:b4AQIDBA==", r.text());
    }

    @Test
    void acceptsABinaryPayloadPost() {
        String sid = handshake("");
        byte[] body = {0, 3, FF, '4', 'h', 'i', 1, 3, FF, 4, 7, 8};
        assertEquals("ok", a.post(Eio.poll(3, sid), body, "Content-Type: application/octet-stream").text());
        assertEquals("hi", listener.messages().get(0).text());
        assertArrayEquals(new byte[] {7, 8}, listener.messages().get(1).data());
        // the echo of binary data comes back in the same binary form
        assertArrayEquals(body, a.get(Eio.poll(3, sid)).body());
    }

    @Test
    void acceptsBase64BinaryInAStringPayloadPost() {
        String sid = handshake("&b64=1");
        assertEquals("ok", a.post(Eio.poll(3, sid), "10:b4AQIDBA==", "Content-Type: text/plain;charset=UTF-8").text());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, listener.messages().get(0).data());
        assertEquals("10:b4AQIDBA==", a.get(Eio.poll(3, sid)).text());
    }

    @Test
    void answersTheClientsPingWithAPong() {
        String sid = handshake("");
        a.post(Eio.poll(3, sid), "1:2");
        assertEquals("1:3", a.get(Eio.poll(3, sid)).text());
        a.post(Eio.poll(3, sid), "6:2probe");
        assertEquals("6:3probe", a.get(Eio.poll(3, sid)).text());
        assertTrue(listener.closes().isEmpty());
    }

    @Test
    void wrongLengthInAPostClosesTheSession() {
        String sid = handshake("");
        assertEquals(400, a.post(Eio.poll(3, sid), "5:4hi").status());
        assertSame(CloseReason.PARSE_ERROR, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(3, sid)).status());
    }

    @Test
    void invalidBinaryPayloadPostClosesTheSession() {
        String sid = handshake("");
        byte[] body = {0, 9, FF, '4'};
        assertEquals(400, a.post(Eio.poll(3, sid), body, "Content-Type: application/octet-stream").status());
        assertSame(CloseReason.PARSE_ERROR, listener.closeReason());
    }

    @Test
    void jsonpHandshakeWrapsTheOpenPacketInTheCallback() {
        HttpReply r = a.get(Eio.handshake(3) + "&j=0");
        assertEquals("text/javascript; charset=UTF-8", r.header("content-type"));
        String sid = listener.session().id();
        String packet = "0{\"sid\":\"" + sid + "\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
                + "\"pingTimeout\":20000}";
        String escaped = (packet.length() + ":" + packet).replace("\"", "\\\"");
        assertEquals("___eio[0](\"" + escaped + "\");", r.text());
    }

    @Test
    void jsonpIndexKeepsOnlyDigits() {
        String body = a.get(Eio.handshake(3) + "&j=1x2%3C").text();
        assertTrue(body.startsWith("___eio[12](\""), body);
    }

    @Test
    void jsonpPostCarriesThePayloadInTheFormFieldD() {
        String sid = handshake("&j=3");
        String form = "d=" + URLEncoder.encode("6:4hello4:4\"é\"", StandardCharsets.UTF_8);
        assertEquals("ok", a.post(Eio.poll(3, sid) + "&j=3", form, FORM).text());
        assertEquals(List.of("hello", "\"é\""), listener.messages().stream().map(m -> m.text()).toList());
        assertEquals("___eio[3](\"6:4hello4:4\\\"é\\\"\");", a.get(Eio.poll(3, sid) + "&j=3").text());
    }

    @Test
    void jsonpPostTurnsEscapedNewlinesBack() {
        String sid = handshake("&j=0");
        // the JSONP client escapes a newline as backslash-n and a literal backslash-n as two backslashes-n
        String form = "d=" + URLEncoder.encode("4:4a\\nb5:4c\\\\nd", StandardCharsets.UTF_8);
        assertEquals("ok", a.post(Eio.poll(3, sid), form, FORM).text());
        assertEquals("a\nb", listener.messages().get(0).text());
        assertEquals("c\\nd", listener.messages().get(1).text());
        assertEquals("___eio[0](\"4:4a\\nb5:4c\\\\nd\");", a.get(Eio.poll(3, sid)).text());
    }

    @Test
    void jsonpSendsBinaryAsBase64() {
        String sid = handshake("&j=0");
        listener.session().send(new byte[] {1, 2, 3, 4});
        assertEquals("___eio[0](\"10:b4AQIDBA==\");", a.get(Eio.poll(3, sid)).text());
    }

    @Test
    void jsonpPostWithoutTheFormFieldClosesTheSession() {
        String sid = handshake("&j=0");
        assertEquals(400, a.post(Eio.poll(3, sid), "x=6%3A4hello", FORM).status());
        assertSame(CloseReason.PARSE_ERROR, listener.closeReason());
    }

    @Test
    void jsonpPostEndingInAPercentSignIsABadPayload() {
        assertBrokenFormClosesTheSession("d=6%3A4hello%");
    }

    @Test
    void jsonpPostWithAPercentSignBeforeNonHexDigitsIsABadPayload() {
        assertBrokenFormClosesTheSession("d=6%zz4hello");
    }

    /**
     * A form whose %-escapes cannot be read ends the session as any other unreadable payload does: 400 and
     * a parse error. (The form decoder's exception used to escape the session, which stayed open.)
     */
    private void assertBrokenFormClosesTheSession(String form) {
        String sid = handshake("&j=0");
        assertEquals(400, a.post(Eio.poll(3, sid), form, FORM).status());
        assertSame(CloseReason.PARSE_ERROR, listener.closeReason());
        assertEquals(400, a.get(Eio.poll(3, sid)).status());
    }

    @Test
    void jsonpIsIgnoredForProtocolV4() {
        HttpReply r = a.get(Eio.handshake(4) + "&j=0");
        assertEquals("text/plain; charset=UTF-8", r.header("content-type"));
        assertTrue(r.text().startsWith("0{\"sid\":"), r.text());
    }
}
