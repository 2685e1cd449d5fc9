package io.socketeer.adminui.internal;

import java.util.List;
import java.util.Map;

/**
 * A socket as the admin UI gets it in {@code all_sockets} and {@code socket_connected}.
 *
 * @param id the socket id
 * @param clientId the start of its Engine.IO connection id (it groups a client's sockets in the UI; the
 *                 whole id would let an admin hijack the connection), {@code null} for a socket of another
 *                 server
 * @param transport {@code polling} or {@code websocket}, {@code null} for a socket of another server
 * @param nsp the namespace
 * @param data the application data attached to the socket ({@code {}} when none)
 * @param handshake the handshake, without the CONNECT payload (it may hold credentials)
 * @param rooms the rooms the socket is in
 */
public record SerializedSocket(String id, String clientId, String transport, String nsp, Object data,
                               Handshake handshake, List<String> rooms) {

    /**
     * The handshake part of a {@link SerializedSocket}.
     *
     * @param address the client's address: {@code cf-connecting-ip}, else {@code x-forwarded-for}, else the
     *                peer address, as the reference picks it
     * @param headers the request headers, values of a repeated header joined with {@code ", "}
     * @param query the query parameters
     * @param issued the time of the connection in milliseconds since the epoch
     * @param secure whether the connection is TLS
     * @param time the time of the connection as JavaScript's {@code Date.toString()} writes it
     * @param url the request URI
     * @param xdomain whether the request had an {@code Origin} header
     */
    public record Handshake(String address, Map<String, String> headers, Map<String, String> query, long issued,
                            boolean secure, String time, String url, boolean xdomain) {
    }
}
