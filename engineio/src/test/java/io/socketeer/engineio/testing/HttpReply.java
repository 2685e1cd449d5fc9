package io.socketeer.engineio.testing;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP response as the test client saw it, copied out of Netty's reference-counted objects.
 *
 * @param status the status code
 * @param headers the headers (a copy)
 * @param body the body bytes
 */
public record HttpReply(int status, HttpHeaders headers, byte[] body) {

    /**
     * Copies a decoded response; the caller still releases it.
     *
     * @param res the response
     * @return the copy
     */
    public static HttpReply copyOf(FullHttpResponse res) {
        HttpHeaders h = new DefaultHttpHeaders().set(res.headers());
        return new HttpReply(res.status().code(), h, ByteBufUtil.getBytes(res.content()));
    }

    /** @return the body as UTF-8 */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param name a header name
     * @return its first value or {@code null}
     */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return "HttpReply[" + status + ", " + headers + ", " + text() + "]";
    }
}
