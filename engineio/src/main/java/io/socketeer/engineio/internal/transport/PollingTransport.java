package io.socketeer.engineio.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketeer.engineio.CorsOptions;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.Transport;
import io.socketeer.engineio.internal.protocol.Packets;
import io.socketeer.engineio.internal.protocol.ParseException;
import io.socketeer.engineio.internal.protocol.PayloadV3;
import io.socketeer.engineio.internal.protocol.PayloadV4;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP long-polling: a GET is held until there is something to deliver; a POST carries packets from the
 * client. For protocol v3 the payload format is chosen per session: JSONP when the handshake had {@code j},
 * string payloads with base64 binary when it had {@code b64}, binary payloads otherwise.
 */
public final class PollingTransport implements SessionTransport {

    private final int protocol;
    private final String jsonpIndex;
    private final boolean base64;
    private final CorsOptions cors;
    private final int compressionThreshold;
    /** Volatile only so diagnostics on other threads see it; written on the session's loop. */
    private volatile HttpExchange pendingGet;
    private ChannelFutureListener abortListener;

    /**
     * Creates the transport of a session.
     *
     * @param protocol 3 or 4
     * @param handshakeQuery the query of the handshake request
     * @param cors CORS settings or {@code null}
     * @param compressionThreshold the smallest answer compressed for clients that accept it, -1 for never
     */
    public PollingTransport(int protocol, java.util.Map<String, String> handshakeQuery, CorsOptions cors,
                            int compressionThreshold) {
        this.compressionThreshold = compressionThreshold;
        this.protocol = protocol;
        String j = protocol == 3 ? handshakeQuery.get("j") : null;
        this.jsonpIndex = j == null ? null : j.replaceAll("[^0-9]", "");
        this.base64 = jsonpIndex != null || handshakeQuery.containsKey("b64");
        this.cors = cors;
    }

    @Override
    public Transport name() {
        return Transport.POLLING;
    }

    @Override
    public boolean writable() {
        return pendingGet != null;
    }

    /**
     * Holds a GET until something is written.
     *
     * @param ex the GET exchange
     * @param onAbort run (on the channel's loop) if the client drops the connection first
     */
    public void hold(HttpExchange ex, Runnable onAbort) {
        pendingGet = ex;
        abortListener = f -> onAbort.run();
        ex.ctx().channel().closeFuture().addListener(abortListener);
    }

    /**
     * Tells whether this exchange is the held GET.
     *
     * @param ex an exchange
     * @return whether it is held
     */
    public boolean isHeld(HttpExchange ex) {
        return pendingGet == ex;
    }

    @Override
    public void write(List<EngineIoMessage> packets) {
        HttpExchange ex = take();
        if (ex == null) {
            return;
        }
        try {
            respond(ex, packets);
        } finally {
            ex.release();
        }
    }

    /**
     * Answers a handshake GET with the open packet, without holding it.
     *
     * @param ex the exchange
     * @param packets the packets
     */
    public void respond(HttpExchange ex, List<EngineIoMessage> packets) {
        if (protocol == 4) {
            HttpResponses.sendPayload(ex, cors, HttpResponses.TEXT, PayloadV4.encode(packets, ex.ctx().alloc()),
                    compressionThreshold);
        } else if (jsonpIndex != null) {
            ByteBuf payload = PayloadV3.encodeString(packets, ex.ctx().alloc());
            String script;
            try {
                script = PayloadV3.jsonp(jsonpIndex, payload.toString(StandardCharsets.UTF_8));
            } finally {
                payload.release();
            }
            HttpResponses.sendPayload(ex, cors, HttpResponses.JAVASCRIPT,
                    Unpooled.wrappedBuffer(script.getBytes(StandardCharsets.UTF_8)), compressionThreshold);
        } else if (!base64 && PayloadV3.hasBinary(packets)) {
            HttpResponses.sendPayload(ex, cors, HttpResponses.BINARY, PayloadV3.encodeBinary(packets, ex.ctx().alloc()),
                    compressionThreshold);
        } else {
            HttpResponses.sendPayload(ex, cors, HttpResponses.TEXT, PayloadV3.encodeString(packets, ex.ctx().alloc()),
                    compressionThreshold);
        }
    }

    /**
     * Decodes the body of a POST.
     *
     * @param ex the POST exchange
     * @return the packets
     * @throws ParseException if the body is not a valid payload
     */
    public List<EngineIoMessage> decode(HttpExchange ex) throws ParseException {
        ByteBuf body = ex.body();
        if (protocol == 4) {
            return PayloadV4.decode(body);
        }
        if (jsonpIndex != null) {
            String form = body.toString(StandardCharsets.UTF_8);
            List<String> d;
            try {
                d = new QueryStringDecoder(form, StandardCharsets.UTF_8, false).parameters().get("d");
            } catch (IllegalArgumentException e) {
                // a malformed %-escape ("%", "%zz"): a bad payload like any other, not a server failure
                throw new ParseException("malformed form: " + e.getMessage());
            }
            if (d == null || d.isEmpty()) {
                throw new ParseException("missing d");
            }
            return PayloadV3.decodeString(PayloadV3.unescapeJsonpData(d.get(0)));
        }
        String type = ex.request().headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null && type.startsWith(HttpResponses.BINARY)) {
            return PayloadV3.decodeBinary(body);
        }
        return PayloadV3.decodeString(body.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close(boolean byClient) {
        HttpExchange ex = take();
        if (ex != null) {
            try {
                respond(ex, List.of(byClient ? Packets.NOOP : Packets.CLOSE));
            } finally {
                ex.release();
            }
        }
    }

    /**
     * Forgets the held GET without answering it (its connection is gone).
     */
    public void dropHeld() {
        HttpExchange ex = take();
        if (ex != null) {
            ex.release();
        }
    }

    private HttpExchange take() {
        HttpExchange ex = pendingGet;
        if (ex != null) {
            pendingGet = null;
            ex.ctx().channel().closeFuture().removeListener(abortListener);
            abortListener = null;
        }
        return ex;
    }

    /** @return the CORS settings of this transport's answers */
    public CorsOptions cors() {
        return cors;
    }
}
