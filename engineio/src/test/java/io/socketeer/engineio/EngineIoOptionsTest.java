package io.socketeer.engineio;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server settings: the reference's defaults, normalisation and refusal of nonsense values.
 */
class EngineIoOptionsTest {

    @Test
    void defaultsFollowTheReferenceServer() {
        EngineIoOptions o = EngineIoOptions.defaults();
        assertEquals("/engine.io/", o.path());
        assertEquals(Duration.ofSeconds(25), o.pingInterval());
        assertEquals(Duration.ofSeconds(20), o.pingTimeout());
        assertEquals(Duration.ofSeconds(10), o.upgradeTimeout());
        assertEquals(1_000_000, o.maxPayload());
        assertEquals(Set.of(Transport.POLLING, Transport.WEBSOCKET), o.transports());
        assertTrue(o.allowUpgrades());
        assertFalse(o.allowEio3(), "Engine.IO v3 is refused unless allowed, as in the reference");
        assertEquals(16 * 1024, o.maxUrlLength());
        assertEquals(16 * 1024, o.maxHttpHeaderSize());
        assertNull(o.cors());
        assertNull(o.allowRequest());
    }

    @Test
    void addsMissingSlashesToThePath() {
        assertEquals("/socket.io/", EngineIoOptions.builder().path("socket.io").build().path());
        assertEquals("/socket.io/", EngineIoOptions.builder().path("/socket.io").build().path());
        assertEquals("/a/b/", EngineIoOptions.builder().path("/a/b/").build().path());
    }

    @Test
    void refusesNonPositiveDurationsAndSizes() {
        assertThrows(IllegalArgumentException.class, () -> EngineIoOptions.builder().pingInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> EngineIoOptions.builder().pingTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> EngineIoOptions.builder().upgradeTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> EngineIoOptions.builder().maxPayload(0));
        assertThrows(IllegalArgumentException.class, () -> EngineIoOptions.builder().transports());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        AllowRequest allow = AllowRequest.of(r -> true);
        CorsOptions cors = CorsOptions.builder().allowAnyOrigin().build();
        EngineIoOptions o = EngineIoOptions.builder().path("/x/").pingInterval(Duration.ofMillis(300))
                .pingTimeout(Duration.ofMillis(200)).upgradeTimeout(Duration.ofSeconds(1)).maxPayload(77)
                .transports(Transport.WEBSOCKET).allowUpgrades(false).allowEio3(false).cors(cors)
                .allowRequest(allow).maxHttpHeaderSize(1000).maxUrlLength(500).build();
        EngineIoOptions copy = o.toBuilder().build();
        assertEquals("/x/", copy.path());
        assertEquals(Duration.ofMillis(300), copy.pingInterval());
        assertEquals(Duration.ofMillis(200), copy.pingTimeout());
        assertEquals(Duration.ofSeconds(1), copy.upgradeTimeout());
        assertEquals(77, copy.maxPayload());
        assertEquals(Set.of(Transport.WEBSOCKET), copy.transports());
        assertFalse(copy.allowUpgrades());
        assertFalse(copy.allowEio3());
        assertSame(cors, copy.cors());
        assertSame(allow, copy.allowRequest());
        assertEquals(1000, copy.maxHttpHeaderSize());
        assertEquals(500, copy.maxUrlLength());
    }

    @Test
    void transportsAreImmutable() {
        EngineIoOptions o = EngineIoOptions.defaults();
        assertThrows(UnsupportedOperationException.class, () -> o.transports().remove(Transport.POLLING));
    }

    @Test
    void transportsHaveTheirWireNames() {
        assertEquals("polling", Transport.POLLING.wireName());
        assertEquals("websocket", Transport.WEBSOCKET.wireName());
        assertSame(Transport.POLLING, Transport.fromWireName("polling"));
        assertSame(Transport.WEBSOCKET, Transport.fromWireName("websocket"));
        assertNull(Transport.fromWireName("WebSocket"));
        assertNull(Transport.fromWireName(null));
    }
}
