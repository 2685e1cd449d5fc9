package io.socketeer.engineio.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Canonical instances of the header names and query keys and values that nearly every handshake carries,
 * and of the strings seen lately. A session keeps its handshake request for its whole life; sharing these
 * strings instead of keeping each request's own copies saves a few hundred bytes per connection. Besides a
 * fixed table of names and values, a small cache of recent strings shares what many clients of one server
 * send alike although no table could know it: the {@code Host} header, the request URI, a user agent, an
 * address behind a proxy. The cache is direct-mapped and unsynchronised: a lost update only costs a copy.
 */
public final class CommonStrings {

    private static final Map<String, String> CANONICAL = new HashMap<>();
    private static final int RECENT_SLOTS = 1024;
    private static final int RECENT_MAX_LENGTH = 512; // longer strings (cookies, tokens) are rarely shared
    private static final String[] RECENT = new String[RECENT_SLOTS];

    static {
        for (String s : new String[] {
            // header names, in lower case as the handshake keeps them
            "host", "connection", "upgrade", "user-agent", "accept", "accept-encoding", "accept-language",
            "cache-control", "pragma", "origin", "cookie", "referer", "content-type", "content-length",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
            "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "sec-ch-ua", "sec-ch-ua-mobile",
            "sec-ch-ua-platform", "dnt", "priority", "authorization", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-real-ip", "forwarded",
            // their most common values
            "Upgrade", "upgrade", "websocket", "keep-alive", "Keep-Alive", "close", "13", "no-cache", "*/*",
            "gzip, deflate", "gzip, deflate, br", "gzip, deflate, br, zstd", "same-origin",
            "same-site", "cross-site", "cors", "empty", "?0", "?1", "\"Linux\"", "\"Windows\"", "\"macOS\"",
            "permessage-deflate; client_max_window_bits",
            // query keys and values of Engine.IO requests
            "EIO", "transport", "sid", "t", "b64", "j", "3", "4", "polling", "1"
        }) {
            CANONICAL.put(s, s);
        }
    }

    private CommonStrings() {
    }

    /**
     * Returns the canonical instance of a common string.
     *
     * @param s any string
     * @return the shared instance equal to {@code s}, or {@code s} itself
     */
    public static String canonical(String s) {
        String c = CANONICAL.get(s);
        if (c != null) {
            return c;
        }
        if (s.length() > RECENT_MAX_LENGTH) {
            return s;
        }
        int slot = (s.hashCode() * 0x9E3779B9 >>> 22) & (RECENT_SLOTS - 1);
        String recent = RECENT[slot];
        if (s.equals(recent)) {
            return recent;
        }
        RECENT[slot] = s;
        return s;
    }
}
