package io.socketeer.engineio.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Canonical instances of the header names and query keys and values that nearly every handshake carries.
 * A session keeps its handshake request for its whole life; sharing these strings instead of keeping each
 * request's own copies saves a few hundred bytes per connection. Values a client chooses freely (user
 * agents, cookies, keys) are kept as they are.
 */
final class CommonStrings {

    private static final Map<String, String> CANONICAL = new HashMap<>();

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
    static String canonical(String s) {
        String c = CANONICAL.get(s);
        return c != null ? c : s;
    }
}
