package io.socketeer.socketio;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the client sent when it connected to a namespace, as the reference's {@code socket.handshake}.
 *
 * @param headers the headers of the HTTP request that opened the connection, names in lower case
 * @param query every query parameter of that request, URL-decoded
 * @param auth the CONNECT payload of this namespace ({@code {}} when none; the namespace's query string
 *             for socket.io-client 2.x)
 * @param address the client's IP address
 * @param time the time of the connection as JavaScript's {@code Date.toString()} writes it
 * @param issued the time of the connection in milliseconds since the epoch
 * @param url the request URI
 * @param secure whether the connection is TLS
 * @param xdomain whether the request had an {@code Origin} header
 */
public record Handshake(
        Map<String, List<String>> headers,
        Map<String, String> query,
        ObjectNode auth,
        String address,
        String time,
        long issued,
        String url,
        boolean secure,
        boolean xdomain) {

    /**
     * Returns the first value of a header.
     *
     * @param name the name, any case
     * @return the value or {@code null}
     */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
