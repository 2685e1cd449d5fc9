package io.socketeer.socketio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the client sent when it connected to a namespace, as the reference's {@code socket.handshake}.
 *
 * @param headers the headers of the HTTP request that opened the connection, names in lower case
 * @param query every query parameter of that request, URL-decoded
 * @param auth the CONNECT payload of this namespace ({@code null} for none, which {@link #auth()} gives as
 *             {@code {}}; the namespace's query string
 *             for socket.io-client 2.x)
 * @param address the client's IP address
 * @param time the time of the connection as JavaScript's {@code Date.toString()} writes it, or {@code null}
 *             to have {@link #time()} derive it from {@code issued} when asked (which saves a string per socket)
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

    private static final DateTimeFormatter JS_DATE = DateTimeFormatter
            .ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * Returns the CONNECT payload of this namespace: the client's {@code auth} object, {@code {}} when it sent
     * none (a new empty node on each call, so that sockets without auth keep no object for it).
     *
     * @return the payload
     */
    @Override
    public ObjectNode auth() {
        return auth != null ? auth : JsonNodeFactory.instance.objectNode();
    }

    /**
     * Returns the time of the connection as JavaScript's {@code Date.toString()} writes it (in UTC unless
     * another server of a cluster wrote it in its own zone).
     *
     * @return the time
     */
    @Override
    public String time() {
        return time != null ? time : JS_DATE.format(Instant.ofEpochMilli(issued));
    }

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
