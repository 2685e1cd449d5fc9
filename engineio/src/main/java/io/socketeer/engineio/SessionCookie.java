package io.socketeer.engineio;

import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;

import java.time.Duration;
import java.util.Objects;

/**
 * The cookie that names a new session's id in the answer to its handshake, as the reference's {@code cookie}
 * option sets it: {@code io=<sid>; Path=/; HttpOnly; SameSite=Lax} by default. A load balancer can pin a client to
 * its server by it (sticky sessions); the browser sends it back on the session's later requests when the page
 * is on the same site, or with the client's {@code withCredentials: true} and CORS credentials otherwise.
 * Immutable: every change returns a new cookie.
 */
public final class SessionCookie {

    /** The {@code SameSite} attribute. */
    public enum SameSite {
        /** Sent on requests from the same site only. */
        STRICT(CookieHeaderNames.SameSite.Strict),
        /** Also sent on top-level navigations from other sites (the default). */
        LAX(CookieHeaderNames.SameSite.Lax),
        /** Sent on every request; browsers need {@link #secure(boolean) Secure} with it. */
        NONE(CookieHeaderNames.SameSite.None);

        private final CookieHeaderNames.SameSite value;

        SameSite(CookieHeaderNames.SameSite value) {
            this.value = value;
        }
    }

    private final String name;
    private final String path;
    private final String domain;
    private final boolean httpOnly;
    private final boolean secure;
    private final SameSite sameSite;
    private final Duration maxAge;

    private SessionCookie(String name, String path, String domain, boolean httpOnly, boolean secure,
                          SameSite sameSite, Duration maxAge) {
        this.name = name;
        this.path = path;
        this.domain = domain;
        this.httpOnly = httpOnly;
        this.secure = secure;
        this.sameSite = sameSite;
        this.maxAge = maxAge;
    }

    /** @return the reference's cookie: {@code io}, path {@code /}, HttpOnly, SameSite Lax, for the browser session */
    public static SessionCookie defaults() {
        return named("io");
    }

    /**
     * @param name the cookie's name (a token: letters, digits and {@code !#$%&'*+-.^_`|~})
     * @return the default cookie under another name
     */
    public static SessionCookie named(String name) {
        validName(name);
        return new SessionCookie(name, "/", null, true, false, SameSite.LAX, null);
    }

    /** @return the cookie's name */
    public String name() {
        return name;
    }

    /**
     * @param value the {@code Path} attribute, or {@code null} for none
     * @return the cookie with that path
     */
    public SessionCookie path(String value) {
        return new SessionCookie(name, value, domain, httpOnly, secure, sameSite, maxAge);
    }

    /**
     * @param value the {@code Domain} attribute, or {@code null} for none (the host that answered)
     * @return the cookie with that domain
     */
    public SessionCookie domain(String value) {
        return new SessionCookie(name, path, value, httpOnly, secure, sameSite, maxAge);
    }

    /**
     * @param value whether scripts of the page may not read the cookie
     * @return the cookie with that attribute
     */
    public SessionCookie httpOnly(boolean value) {
        return new SessionCookie(name, path, domain, value, secure, sameSite, maxAge);
    }

    /**
     * @param value whether the browser sends it over HTTPS only
     * @return the cookie with that attribute
     */
    public SessionCookie secure(boolean value) {
        return new SessionCookie(name, path, domain, httpOnly, value, sameSite, maxAge);
    }

    /**
     * @param value the {@code SameSite} attribute, or {@code null} for none
     * @return the cookie with that attribute
     */
    public SessionCookie sameSite(SameSite value) {
        return new SessionCookie(name, path, domain, httpOnly, secure, value, maxAge);
    }

    /**
     * @param value how long the browser keeps it, or {@code null} for the browser session (the default)
     * @return the cookie with that {@code Max-Age}
     */
    public SessionCookie maxAge(Duration value) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + value);
        }
        return new SessionCookie(name, path, domain, httpOnly, secure, sameSite, value);
    }

    /**
     * @param sessionId the new session's id
     * @return the {@code Set-Cookie} header value
     */
    public String encode(String sessionId) {
        DefaultCookie c = new DefaultCookie(name, sessionId);
        c.setPath(path);
        c.setDomain(domain);
        c.setHttpOnly(httpOnly);
        c.setSecure(secure);
        if (sameSite != null) {
            c.setSameSite(sameSite.value);
        }
        if (maxAge != null) {
            c.setMaxAge(maxAge.toSeconds());
        }
        return ServerCookieEncoder.STRICT.encode(c);
    }

    private static void validName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cookie needs a name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!token) {
                throw new IllegalArgumentException("not a cookie name: " + name);
            }
        }
    }

    @Override
    public String toString() {
        return encode("<sid>");
    }
}
