package io.socketeer.engineio.internal.netty;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What Node's HTTP parser refuses before a request reaches the reference server, checked the same way here:
 * a head larger than its limit is answered 431 (Node counts the request line and the headers together, so a
 * long URL gets 431 too, not 414); an HTTP version other than 1.0 or 1.1, and a request target with control
 * characters or bytes that are not UTF-8, get 400.
 */
final class RequestChecks {

    private RequestChecks() {
    }

    /**
     * Chooses the answer to a request the HTTP decoder failed on.
     *
     * @param cause the decoder's failure
     * @return 431 when the request line or the headers were too long, 400 otherwise
     */
    static HttpResponseStatus statusOf(Throwable cause) {
        return cause instanceof TooLongFrameException
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
    }

    /**
     * Checks what the decoder accepted but Node's parser does not.
     *
     * @param req a request the decoder read successfully
     * @return whether it is HTTP/1.x with a clean request target
     */
    static boolean wellFormed(HttpRequest req) {
        return req.protocolVersion().majorVersion() == 1 && req.protocolVersion().minorVersion() <= 1
                && cleanTarget(req.uri());
    }

    /**
     * The decoder gives the request line's bytes as ISO-8859-1 characters; they must be visible ASCII or form
     * valid UTF-8.
     */
    private static boolean cleanTarget(String uri) {
        boolean ascii = true;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c == 0x7f || c > 0xff) {
                return false;
            }
            if (c > 0x7f) {
                ascii = false;
            }
        }
        if (ascii) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(uri.getBytes(StandardCharsets.ISO_8859_1)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
