package io.socketeer.adminui.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as the reference sends a {@code Date} in JSON ({@code toISOString()}: UTC, milliseconds, {@code Z}).
 */
final class Timestamps {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /**
     * Formats an instant.
     *
     * @param instant the instant
     * @return e.g. {@code 2024-05-01T10:00:00.000Z}
     */
    static String iso(Instant instant) {
        return ISO.format(instant);
    }
}
