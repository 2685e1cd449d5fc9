package io.socketeer.engineio.internal;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handshake's flat maps behave as the immutable maps they replace. */
class FlatMapsTest {

    @Test
    void headersGroupRepeatedNamesInOrderOfFirstAppearance() {
        FlatHeaders h = new FlatHeaders(new String[] {
            "host", "example.com", "cookie", "a=1", "accept", "*/*", "cookie", "b=2"});
        assertEquals(List.of("a=1", "b=2"), h.get("cookie"));
        assertEquals(List.of("example.com"), h.get("host"));
        assertNull(h.get("origin"));
        assertTrue(h.containsKey("accept"));
        assertFalse(h.containsKey("Accept"), "names are kept in lower case and looked up as given");
        assertEquals(3, h.size());
        assertEquals(List.of("host", "cookie", "accept"), List.copyOf(h.keySet()));
        Map<String, List<String>> same = new LinkedHashMap<>();
        same.put("host", List.of("example.com"));
        same.put("cookie", List.of("a=1", "b=2"));
        same.put("accept", List.of("*/*"));
        assertEquals(same, h);
        assertEquals(h, same);
        assertEquals(same.hashCode(), h.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> h.put("x", List.of("y")));
        assertThrows(UnsupportedOperationException.class, () -> h.get("cookie").add("c=3"));
    }

    @Test
    void anEmptyHeaderBlockIsAnEmptyMap() {
        FlatHeaders h = new FlatHeaders(new String[0]);
        assertTrue(h.isEmpty());
        assertEquals(Map.of(), h);
    }

    @Test
    void queryMapKeepsInsertionOrderAndEqualsAHashMap() {
        FlatMap q = new FlatMap(new String[] {"EIO", "4", "transport", "websocket", "token", ""});
        assertEquals("websocket", q.get("transport"));
        assertEquals("", q.get("token"));
        assertTrue(q.containsKey("token"));
        assertNull(q.get("sid"));
        assertFalse(q.containsKey("sid"));
        assertEquals(3, q.size());
        assertEquals(List.of("EIO", "transport", "token"), List.copyOf(q.keySet()));
        assertEquals(Map.of("EIO", "4", "transport", "websocket", "token", ""), q);
        assertEquals(Map.of("EIO", "4", "transport", "websocket", "token", "").hashCode(), q.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> q.put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> q.entrySet().iterator().next().setValue("5"));
    }

    @Test
    void requestsWithTheSameUriShareOneQueryMap() {
        String uri = "/socket.io/?EIO=4&transport=websocket&room=shared-" + System.nanoTime();
        Map<String, String> decoded = Map.of("EIO", "4", "transport", "websocket", "room", uri.substring(40));
        FlatMap first = FlatMap.ofUri(uri, decoded);
        FlatMap again = FlatMap.ofUri(new String(uri.toCharArray()), new java.util.HashMap<>(decoded));
        assertSame(first, again);
        assertEquals(decoded, again);
        FlatMap other = FlatMap.ofUri(uri + "&x=1", Map.of("x", "1"));
        assertEquals(Map.of("x", "1"), other);
        assertEquals(decoded, FlatMap.ofUri(uri, decoded), "a different URI in between leaves the first one's map");
    }
}
