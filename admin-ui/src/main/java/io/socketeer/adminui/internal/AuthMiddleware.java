package io.socketeer.adminui.internal;

import io.socketeer.adminui.AdminAuth;
import io.socketeer.socketio.Middleware;
import io.socketeer.socketio.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin namespace's basic authentication, as the reference's: a client whose CONNECT payload has the
 * right {@code username} and {@code password} gets in and is given a session id (the {@code session} event,
 * sent once it joined), which lets it back in without the password ({@code {sessionId}}) when the UI
 * reconnects or its page reloads. Anything else is refused with {@code invalid credentials}.
 */
public final class AuthMiddleware implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(AuthMiddleware.class);

    /** The reference keeps its sessions forever; we keep the latest ones, which is all a UI reconnects with. */
    private static final int MAX_SESSIONS = 10_000;

    private final AdminAuth.Basic auth;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> sessions = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_SESSIONS;
                }
            }));
    private final Map<String, String> newSessions = new ConcurrentHashMap<>();

    /**
     * Creates the middleware.
     *
     * @param auth the expected credentials
     */
    public AuthMiddleware(AdminAuth.Basic auth) {
        this.auth = auth;
    }

    @Override
    public void handle(Socket socket, Next next) {
        var payload = socket.handshake().auth();
        String sessionId = payload.path("sessionId").asText(null);
        if (sessionId != null && sessions.contains(sessionId)) {
            log.debug("admin {} authenticated with a session id", socket.id());
            next.proceed();
            return;
        }
        String username = payload.path("username").asText(null);
        String password = payload.path("password").asText(null);
        if (auth.username().equals(username) && password != null && matches(password)) {
            String id = HexFormat.of().formatHex(randomBytes());
            sessions.add(id);
            newSessions.put(socket.id(), id);
            log.debug("admin {} authenticated with credentials", socket.id());
            next.proceed();
            return;
        }
        log.debug("admin {}: invalid credentials", socket.id());
        next.fail("invalid credentials");
    }

    private boolean matches(String password) {
        try {
            return BCrypt.checkpw(password, auth.passwordHash());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] randomBytes() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return b;
    }

    /**
     * Takes the session id given to a socket that just authenticated with credentials.
     *
     * @param socketId the socket
     * @return the session id to send it, or {@code null} (it came with a session id, or was refused)
     */
    public String takeNewSession(String socketId) {
        return newSessions.remove(socketId);
    }

    /**
     * Forgets the session id of a socket that was let in but never joined.
     *
     * @param socketId the socket
     */
    public void forget(String socketId) {
        newSessions.remove(socketId);
    }
}
