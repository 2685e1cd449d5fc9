package io.socketeer.engineio;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Cross-origin resource sharing for the polling transport (WebSocket is not subject to CORS; use
 * {@link AllowRequest} to check the {@code Origin} of WebSocket handshakes).
 *
 * <p>CORS is off unless configured. An allowed origin is echoed back in {@code Access-Control-Allow-Origin};
 * a request from any other origin gets no CORS headers, so the browser refuses to hand the answer to the
 * page. {@link Builder#allowAnyOrigin()} sends {@code *} and cannot be combined with credentials, so a
 * configuration can never give every origin credentialed access.
 */
public final class CorsOptions {

    private final Predicate<String> originAllowed;
    private final boolean anyOrigin;
    private final boolean credentials;
    private final List<String> methods;
    private final List<String> allowedHeaders;
    private final List<String> exposedHeaders;
    private final Duration maxAge;

    private CorsOptions(Builder b) {
        this.originAllowed = b.originAllowed;
        this.anyOrigin = b.anyOrigin;
        this.credentials = b.credentials;
        this.methods = List.copyOf(b.methods);
        this.allowedHeaders = b.allowedHeaders == null ? null : List.copyOf(b.allowedHeaders);
        this.exposedHeaders = List.copyOf(b.exposedHeaders);
        this.maxAge = b.maxAge;
    }

    /**
     * Starts a configuration that allows no origin until told otherwise.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells whether an origin is allowed.
     *
     * @param origin the {@code Origin} header value
     * @return whether to answer it with CORS headers
     */
    public boolean allows(String origin) {
        return origin != null && (anyOrigin || originAllowed.test(origin));
    }

    /**
     * Returns whether every origin is allowed (answered with {@code *}).
     *
     * @return whether any origin is allowed
     */
    public boolean anyOrigin() {
        return anyOrigin;
    }

    /**
     * Returns whether {@code Access-Control-Allow-Credentials: true} is sent.
     *
     * @return whether credentials are allowed
     */
    public boolean credentials() {
        return credentials;
    }

    /**
     * Returns the methods answered to a preflight request.
     *
     * @return the methods
     */
    public List<String> methods() {
        return methods;
    }

    /**
     * Returns the request headers answered to a preflight request, or {@code null} to echo what the browser
     * asked for in {@code Access-Control-Request-Headers}.
     *
     * @return the allowed headers or {@code null}
     */
    public List<String> allowedHeaders() {
        return allowedHeaders;
    }

    /**
     * Returns the response headers the page may read.
     *
     * @return the exposed headers
     */
    public List<String> exposedHeaders() {
        return exposedHeaders;
    }

    /**
     * Returns how long a browser may cache a preflight answer, or {@code null} to not say.
     *
     * @return the max age or {@code null}
     */
    public Duration maxAge() {
        return maxAge;
    }

    /** Builds {@link CorsOptions}. */
    public static final class Builder {
        private Predicate<String> originAllowed = origin -> false;
        private final Set<String> origins = new LinkedHashSet<>();
        private boolean anyOrigin;
        private boolean credentials;
        private List<String> methods = List.of("GET", "POST");
        private List<String> allowedHeaders;
        private List<String> exposedHeaders = List.of();
        private Duration maxAge;

        private Builder() {
        }

        /**
         * Allows these exact origins, e.g. {@code https://example.com}.
         *
         * @param allowed the origins
         * @return this builder
         */
        public Builder allowOrigins(String... allowed) {
            for (String o : allowed) {
                origins.add(Objects.requireNonNull(o));
            }
            Predicate<String> previous = originAllowed;
            Set<String> snapshot = Set.copyOf(origins);
            originAllowed = origin -> snapshot.contains(origin) || previous.test(origin);
            return this;
        }

        /**
         * Allows every origin the predicate accepts.
         *
         * @param predicate the check, given the {@code Origin} header value
         * @return this builder
         */
        public Builder allowOrigin(Predicate<String> predicate) {
            Predicate<String> previous = originAllowed;
            originAllowed = origin -> predicate.test(origin) || previous.test(origin);
            return this;
        }

        /**
         * Allows every origin, answering {@code *}. Cannot be combined with {@link #allowCredentials()}.
         *
         * @return this builder
         */
        public Builder allowAnyOrigin() {
            anyOrigin = true;
            return this;
        }

        /**
         * Sends {@code Access-Control-Allow-Credentials: true} to allowed origins (needed for cookies, e.g.
         * sticky sessions). Cannot be combined with {@link #allowAnyOrigin()}.
         *
         * @return this builder
         */
        public Builder allowCredentials() {
            credentials = true;
            return this;
        }

        /**
         * Sets the methods answered to preflight requests (default {@code GET, POST}).
         *
         * @param allowed the methods
         * @return this builder
         */
        public Builder methods(String... allowed) {
            methods = List.of(allowed);
            return this;
        }

        /**
         * Sets the request headers answered to preflight requests (default: echo the requested ones).
         *
         * @param allowed the header names
         * @return this builder
         */
        public Builder allowedHeaders(String... allowed) {
            allowedHeaders = List.of(allowed);
            return this;
        }

        /**
         * Sets the response headers the page may read.
         *
         * @param exposed the header names
         * @return this builder
         */
        public Builder exposedHeaders(String... exposed) {
            exposedHeaders = List.of(exposed);
            return this;
        }

        /**
         * Sets how long browsers may cache preflight answers.
         *
         * @param age the duration
         * @return this builder
         */
        public Builder maxAge(Duration age) {
            maxAge = age;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalStateException if any origin is allowed together with credentials
         */
        public CorsOptions build() {
            if (anyOrigin && credentials) {
                throw new IllegalStateException("allowAnyOrigin() cannot be combined with allowCredentials():"
                        + " list the trusted origins instead");
            }
            return new CorsOptions(this);
        }
    }
}
