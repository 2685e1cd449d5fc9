package io.socketeer.engineio;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Generates ids of a fixed number of random bytes from a {@link SecureRandom}, as URL-safe base64 characters
 * without padding (a multiple of 3 bytes, so 4 characters per 3): the Engine.IO session ids (18 bytes), and
 * the ids a layer above gives its own connections (socket ids: 15 bytes, the 20 characters of the reference's
 * {@code base64id}). The bytes are drawn from the generator {@value #IDS_PER_DRAW} ids at a time: a DRBG call
 * costs two hashes besides the output's, so drawing for one id at a time cost more than the id's own bytes.
 * Thread-safe; ids are never taken from the client.
 */
public final class RandomIds {

    private static final int IDS_PER_DRAW = 64;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;
    private final int bytes;
    private final byte[] pool;
    private int used;

    /**
     * Creates a generator on the strongest non-blocking generator the JDK offers.
     *
     * @param bytes random bytes per id, a positive multiple of 3
     */
    public RandomIds(int bytes) {
        if (bytes <= 0 || bytes % 3 != 0) {
            throw new IllegalArgumentException("bytes must be a positive multiple of 3: " + bytes);
        }
        SecureRandom r;
        try {
            r = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            r = new SecureRandom();
        }
        this.random = r;
        this.bytes = bytes;
        this.pool = new byte[bytes * IDS_PER_DRAW];
        this.used = pool.length;
    }

    /**
     * Returns a new id.
     *
     * @return {@code bytes / 3 * 4} characters of {@code [A-Za-z0-9_-]}
     */
    public String next() {
        byte[] id;
        synchronized (pool) {
            if (used == pool.length) {
                random.nextBytes(pool);
                used = 0;
            }
            id = Arrays.copyOfRange(pool, used, used + bytes);
            // an id's bytes are not kept once it is made
            Arrays.fill(pool, used, used + bytes, (byte) 0);
            used += bytes;
        }
        String text = ENCODER.encodeToString(id);
        Arrays.fill(id, (byte) 0);
        return text;
    }
}
