package io.socketeer.engineio.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the HTTP answers out of what a server wrote on one connection, by their framing (so a body that
 * happens to hold {@code HTTP/1.1 500} is not taken for an answer), up to a {@code 101} after which the
 * bytes are WebSocket frames. An answer to a {@code HEAD} has a {@code Content-Length} but no body; it is
 * recognised by the next answer starting right after its head.
 */
final class HttpAnswers {

    private HttpAnswers() {
    }

    /**
     * Parses the answers.
     *
     * @param output the bytes the server wrote, as ISO-8859-1 text
     * @return the status code of each answer, in order
     * @throws AssertionError if an answer is not framed by a {@code Content-Length}
     */
    static List<Integer> statuses(String output) {
        List<Integer> codes = new ArrayList<>();
        int i = 0;
        while (i < output.length()) {
            int end = output.indexOf("\r\n\r\n", i);
            if (end < 0 || !output.startsWith("HTTP/1.1 ", i)) {
                throw new AssertionError("not an HTTP answer at " + i + ": " + abbreviate(output.substring(i)));
            }
            int code = Integer.parseInt(output.substring(i + 9, i + 12));
            codes.add(code);
            if (code == 101) {
                return codes;
            }
            long length = -1;
            for (String line : output.substring(i, end).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                }
            }
            if (length < 0 && code != 100 && code != 204) { // both never have a body
                throw new AssertionError("answer without Content-Length: " + abbreviate(output.substring(i)));
            }
            int next = end + 4 + (int) Math.max(0, length);
            if (length > 0 && output.startsWith("HTTP/1.1 ", end + 4) && !output.startsWith("HTTP/1.1 ", next)) {
                next = end + 4; // the answer to a HEAD: its Content-Length announces a body it does not carry
            }
            i = next;
        }
        return codes;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
