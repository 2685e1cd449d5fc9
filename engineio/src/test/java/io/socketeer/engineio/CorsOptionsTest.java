package io.socketeer.engineio;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CORS settings and their builder.
 */
class CorsOptionsTest {

    @Test
    void refusesAnyOriginTogetherWithCredentialsInEitherOrder() {
        assertThrows(IllegalStateException.class,
                () -> CorsOptions.builder().allowAnyOrigin().allowCredentials().build());
        assertThrows(IllegalStateException.class,
                () -> CorsOptions.builder().allowCredentials().allowAnyOrigin().build());
    }

    @Test
    void allowsCredentialsForListedOrigins() {
        CorsOptions cors = CorsOptions.builder().allowOrigins("https://a.example").allowCredentials().build();
        assertTrue(cors.credentials());
        assertTrue(cors.allows("https://a.example"));
    }

    @Test
    void allowsNoOriginUntilToldOtherwise() {
        CorsOptions cors = CorsOptions.builder().build();
        assertFalse(cors.allows("https://a.example"));
        assertFalse(cors.allows(null));
        assertFalse(cors.anyOrigin());
        assertFalse(cors.credentials());
        assertEquals(List.of("GET", "POST"), cors.methods());
        assertNull(cors.allowedHeaders());
        assertEquals(List.of(), cors.exposedHeaders());
        assertNull(cors.maxAge());
    }

    @Test
    void matchesListedOriginsExactly() {
        CorsOptions cors = CorsOptions.builder().allowOrigins("https://a.example", "http://b.example:8080").build();
        assertTrue(cors.allows("https://a.example"));
        assertTrue(cors.allows("http://b.example:8080"));
        assertFalse(cors.allows("https://a.example/"));
        assertFalse(cors.allows("https://A.example"));
        assertFalse(cors.allows("http://a.example"));
        assertFalse(cors.allows("https://a.example.evil"));
        assertFalse(cors.allows("http://b.example"));
    }

    @Test
    void combinesListsAndPredicates() {
        CorsOptions cors = CorsOptions.builder().allowOrigins("https://a.example")
                .allowOrigin(o -> o.startsWith("http://localhost:")).allowOrigins("https://b.example").build();
        assertTrue(cors.allows("https://a.example"));
        assertTrue(cors.allows("https://b.example"));
        assertTrue(cors.allows("http://localhost:3000"));
        assertFalse(cors.allows("https://c.example"));
    }

    @Test
    void anyOriginAllowsEveryOriginButNotAMissingOne() {
        CorsOptions cors = CorsOptions.builder().allowAnyOrigin().build();
        assertTrue(cors.anyOrigin());
        assertTrue(cors.allows("https://whatever.example"));
        assertFalse(cors.allows(null));
    }

    @Test
    void builtOptionsDoNotChangeWhenTheBuilderDoes() {
        CorsOptions.Builder b = CorsOptions.builder().allowOrigins("https://a.example").methods("GET");
        CorsOptions first = b.build();
        b.allowOrigins("https://b.example").methods("PUT").exposedHeaders("X").maxAge(Duration.ofSeconds(5));
        assertFalse(first.allows("https://b.example"));
        assertEquals(List.of("GET"), first.methods());
        assertEquals(List.of(), first.exposedHeaders());
        assertNull(first.maxAge());
    }
}
