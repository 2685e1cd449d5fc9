package io.socketeer.engineio;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random ids: session ids (18 bytes, 24 characters) and socket ids (15 bytes, 20 characters), URL-safe base64
 * of bytes drawn in batches.
 */
class RandomIdsTest {

    private final RandomIds ids = new RandomIds(18);

    @Test
    void idsAreTheUrlSafeBase64OfTheirBytes() {
        // more ids than one draw holds, so refills are crossed
        for (int i = 0; i < 1000; i++) {
            String id = ids.next();
            assertTrue(id.matches("[A-Za-z0-9_-]{24}"), id);
            byte[] decoded = Base64.getUrlDecoder().decode(id);
            assertEquals(18, decoded.length);
            assertEquals(id, Base64.getUrlEncoder().withoutPadding().encodeToString(decoded));
        }
    }

    @Test
    void socketIdsAreTwentyCharacters() {
        RandomIds socketIds = new RandomIds(15);
        for (int i = 0; i < 200; i++) {
            String id = socketIds.next();
            assertTrue(id.matches("[A-Za-z0-9_-]{20}"), id);
            assertEquals(15, Base64.getUrlDecoder().decode(id).length);
        }
    }

    @Test
    void everyCharacterOfTheAlphabetTurnsUp() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            for (char c : ids.next().toCharArray()) {
                seen.add(c);
            }
        }
        assertEquals(64, seen.size(), seen.toString());
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
        RandomIds other = new RandomIds(18);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(ids.next()));
            assertTrue(seen.add(other.next()));
        }
    }

    @Test
    void threadsSharingOneGeneratorGetDistinctIds() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        assertTrue(seen.add(ids.next()));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20_000, seen.size());
    }

    @Test
    void refusesALengthThatWouldNeedPadding() {
        assertThrows(IllegalArgumentException.class, () -> new RandomIds(16));
        assertThrows(IllegalArgumentException.class, () -> new RandomIds(0));
    }
}
