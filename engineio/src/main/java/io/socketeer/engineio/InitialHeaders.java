package io.socketeer.engineio;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * Adds headers to the answer to a handshake (the reference's {@code initial_headers} event): the polling
 * handshake's {@code 200} or a WebSocket's {@code 101}, for example a {@code Set-Cookie} of the application's.
 * Called on the I/O thread once the handshake is allowed, before the answer is written; it must not block.
 * The answer to a polling session's later requests and to its upgrade get none.
 */
@FunctionalInterface
public interface InitialHeaders {

    /**
     * Adds headers.
     *
     * @param request the handshake request
     * @param sessionId the id of the session it opens
     * @param headers the headers to add to the answer (validated: a name or value with a line break is refused)
     */
    void add(HandshakeRequest request, String sessionId, HttpHeaders headers);
}
