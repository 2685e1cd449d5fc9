package io.socketeer.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on stdout, each with the time of day. */
final class Log {

    private Log() {
    }

    static synchronized void line(String text) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + text);
    }
}
