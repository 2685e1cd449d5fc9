package io.socketeer.engineio;

import io.socketeer.engineio.internal.FlatHeaders;
import io.socketeer.engineio.internal.FlatMap;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP request that opened an Engine.IO session (or asks to), as the application may inspect it.
 *
 * @param method the HTTP method
 * @param uri the request URI as sent (path and query string)
 * @param query every query parameter, URL-decoded; for a repeated name the first value
 * @param headers the request headers, names in lower case, values in order of appearance
 * @param remoteAddress the client's address as seen by this server
 * @param localAddress the address the connection reached
 * @param secure whether the connection is TLS
 * @param protocolVersion the Engine.IO protocol version asked for (3 or 4); 0 if missing or invalid
 * @param transport the transport asked for, or {@code null} if missing or unknown
 * @param time the time the request arrived, in milliseconds since the epoch
 */
public record HandshakeRequest(
        String method,
        String uri,
        Map<String, String> query,
        Map<String, List<String>> headers,
        InetSocketAddress remoteAddress,
        InetSocketAddress localAddress,
        boolean secure,
        int protocolVersion,
        Transport transport,
        long time) {

    /**
     * Creates the request view; the maps are copied unless they are the server's own immutable ones.
     *
     * @param method see the record component
     * @param uri see the record component
     * @param query see the record component
     * @param headers see the record component
     * @param remoteAddress see the record component
     * @param localAddress see the record component
     * @param secure see the record component
     * @param protocolVersion see the record component
     * @param transport see the record component
     * @param time see the record component
     */
    public HandshakeRequest {
        query = query instanceof FlatMap ? query : Map.copyOf(query);
        headers = headers instanceof FlatHeaders ? headers : Map.copyOf(headers);
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or {@code null}
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns a query parameter.
     *
     * @param name the parameter name
     * @return the value, or {@code null}
     */
    public String query(String name) {
        return query.get(name);
    }
}
