package io.socketeer.engineio.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request targets and open-packet helpers shared by the handler tests.
 */
public final class Eio {

    /** The record separator of v4 polling payloads. */
    public static final String RS = "\u001e";

    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]*)\"");

    private Eio() {
    }

    /**
     * @param eio protocol version
     * @return a polling handshake target
     */
    public static String handshake(int eio) {
        return "/engine.io/?EIO=" + eio + "&transport=polling";
    }

    /**
     * @param eio protocol version
     * @param sid the session
     * @return a polling target of an existing session
     */
    public static String poll(int eio, String sid) {
        return handshake(eio) + "&sid=" + sid;
    }

    /**
     * @param sid the session
     * @return a v4 polling target of an existing session
     */
    public static String poll(String sid) {
        return poll(4, sid);
    }

    /**
     * @param sid the session
     * @return a v4 WebSocket target of an existing session
     */
    public static String websocket(String sid) {
        return "/engine.io/?EIO=4&transport=websocket&sid=" + sid;
    }

    /**
     * Finds the sid in an open packet (or a payload holding one).
     *
     * @param open the text
     * @return the sid
     */
    public static String sidOf(String open) {
        Matcher m = SID.matcher(open);
        assertTrue(m.find(), () -> "no sid in " + open);
        return m.group(1);
    }
}
