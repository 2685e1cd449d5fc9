package io.socketeer.engineio.internal.session;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session id generation: 144 random bits as 24 URL-safe characters.
 */
class SessionIdsTest {

    private final SessionIds ids = new SessionIds();

    @Test
    void idsAreTwentyFourUrlSafeBase64Characters() {
        for (int i = 0; i < 1000; i++) {
            String id = ids.next();
            assertTrue(id.matches("[A-Za-z0-9_-]{24}"), id);
            assertEquals(18, Base64.getUrlDecoder().decode(id).length);
        }
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(ids.next()));
        }
    }

    @Test
    void separateGeneratorsDoNotRepeatEachOther() {
        SessionIds other = new SessionIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(ids.next()));
            assertTrue(seen.add(other.next()));
        }
    }
}
