package io.socketeer.engineio;

import java.net.InetSocketAddress;

/**
 * A request the server answered with an Engine.IO error (the reference's {@code connection_error} event), as
 * {@link EngineIoObserver#connectionError} is told of it. {@code Session ID unknown} on the polling requests of
 * clients that had a session is the usual sign of a load balancer that does not pin clients to one server.
 *
 * @param code the protocol error code, 0 to 5
 * @param message the reference's message for the code: {@code Transport unknown}, {@code Session ID unknown},
 *                {@code Bad handshake method}, {@code Bad request}, {@code Forbidden},
 *                {@code Unsupported protocol version}
 * @param method the request's method
 * @param uri the request target
 * @param remoteAddress the client's address, or {@code null}
 * @param sid the session id the request named, or {@code null} (a handshake)
 */
public record ConnectionError(int code, String message, String method, String uri, InetSocketAddress remoteAddress,
                              String sid) {
}
