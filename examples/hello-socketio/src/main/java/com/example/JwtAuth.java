package com.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.socketio.Middleware;
import io.socketeer.socketio.Socket;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Authentication on CONNECT with a JWT (HS256) the client sends as {@code auth: {token}}:
 * {@code io("https://host", { auth: { token } })}. A valid token lets the socket in with its claims as data;
 * anything else is refused with a {@code connect_error} the page can show. Use a JWT library in production;
 * this shows where it plugs in, with the JDK only.
 */
public final class JwtAuth implements Middleware {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final byte[] secret;

    public JwtAuth(byte[] secret) {
        this.secret = secret.clone();
    }

    @Override
    public void handle(Socket socket, Next next) {
        String token = socket.handshake().auth().path("token").asText(null);
        JsonNode claims = token == null ? null : verify(token);
        if (claims == null) {
            next.fail("unauthorized");
            return;
        }
        socket.data(claims);               // e.g. claims.get("sub") in the listeners
        next.proceed();
    }

    /** Returns the claims of a valid, unexpired HS256 token, or null. */
    JsonNode verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return null;                // never accept "none" or another algorithm than expected
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long exp = claims.path("exp").asLong(0);
            return exp > System.currentTimeMillis() / 1000 ? claims : null;
        } catch (Exception e) {
            return null;
        }
    }
}
