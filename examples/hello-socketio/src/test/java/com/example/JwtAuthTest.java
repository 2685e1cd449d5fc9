package com.example;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JwtAuthTest {

    private static final byte[] SECRET = "a secret of at least 32 bytes!!!".getBytes(StandardCharsets.US_ASCII);
    private final JwtAuth auth = new JwtAuth(SECRET);

    @Test
    void acceptsAValidTokenAndRefusesTamperedExpiredOrUnsignedOnes() throws Exception {
        long future = System.currentTimeMillis() / 1000 + 60;
        assertEquals("alice", auth.verify(token("{\"alg\":\"HS256\"}", "{\"sub\":\"alice\",\"exp\":" + future + "}", SECRET))
                .path("sub").asText());
        assertNull(auth.verify(token("{\"alg\":\"HS256\"}", "{\"sub\":\"alice\",\"exp\":1}", SECRET)));
        assertNull(auth.verify(token("{\"alg\":\"HS256\"}", "{\"sub\":\"alice\",\"exp\":" + future + "}",
                "another secret, also 32 bytes!!!".getBytes(StandardCharsets.US_ASCII))));
        assertNull(auth.verify(token("{\"alg\":\"none\"}", "{\"sub\":\"alice\",\"exp\":" + future + "}", SECRET)));
        assertNull(auth.verify("not.a.jwt.at.all"));
    }

    static String token(String header, String claims, byte[] key) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return unsigned + "." + b64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    }
}
