package io.socketeer.engineio.internal.session;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates session ids: 144 bits from a {@link SecureRandom}, as 24 URL-safe base64 characters. Ids are
 * never taken from the client.
 */
public final class SessionIds {

    private static final int BYTES = 18;

    private final SecureRandom random;

    /** Creates a generator on the strongest non-blocking generator the JDK offers. */
    public SessionIds() {
        SecureRandom r;
        try {
            r = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            r = new SecureRandom();
        }
        this.random = r;
    }

    /**
     * Returns a new id.
     *
     * @return 24 characters of {@code [A-Za-z0-9_-]}
     */
    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
