package io.socketeer.engineio.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Equal strings of many handshakes are kept once: table entries always, recent strings while remembered. */
class CommonStringsTest {

    @Test
    void aCommonHeaderNameIsTheTablesInstance() {
        String name = new String("sec-websocket-key".toCharArray());
        assertSame(CommonStrings.canonical("sec-websocket-key"), CommonStrings.canonical(name));
    }

    @Test
    void aStringSeenJustBeforeIsSharedByTheNextRequest() {
        String host = new String("chat.example.com:8443".toCharArray());
        String again = new String("chat.example.com:8443".toCharArray());
        assertNotSame(host, again);
        assertSame(CommonStrings.canonical(host), CommonStrings.canonical(again));
    }

    @Test
    void aLongStringIsKeptAsItIs() {
        String cookie = "a".repeat(600);
        String same = new String(cookie.toCharArray());
        CommonStrings.canonical(cookie);
        assertSame(same, CommonStrings.canonical(same));
        assertEquals(cookie, CommonStrings.canonical(same));
    }
}
