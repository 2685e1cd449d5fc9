package io.socketeer.adminui;

import java.time.Duration;
import java.util.Objects;

/**
 * The options of {@link AdminUi#instrument}, as the reference's {@code instrument(io, options)} takes them,
 * plus where the server serves the UI's pages. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * AdminUiOptions options = AdminUiOptions.builder()
 *         .auth(AdminAuth.basic("admin", "$2b$10$heqvAkYMez.Va6Et2uXInOnkCT6/uQj1brkrbyG3LpopDklcq7ZOS"))
 *         .readonly(true)
 *         .build();
 * }</pre>
 */
public final class AdminUiOptions {

    private final String namespaceName;
    private final AdminAuth auth;
    private final boolean readonly;
    private final String serverId;
    private final AdminUiMode mode;
    private final Duration statsInterval;
    private final String uiPath;

    private AdminUiOptions(Builder b) {
        this.namespaceName = b.namespaceName;
        this.auth = b.auth;
        this.readonly = b.readonly;
        this.serverId = b.serverId;
        this.mode = b.mode;
        this.statsInterval = b.statsInterval;
        this.uiPath = b.uiPath;
    }

    /** @return a builder with the defaults; {@link Builder#auth} must be set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the admin namespace, {@code /admin} by default */
    public String namespaceName() {
        return namespaceName;
    }

    /** @return how admin clients authenticate */
    public AdminAuth auth() {
        return auth;
    }

    /** @return whether the admin client may only watch ({@code false} by default) */
    public boolean readonly() {
        return readonly;
    }

    /** @return the server's name in the UI, or {@code null} for the host name */
    public String serverId() {
        return serverId;
    }

    /** @return how much the UI is told, {@link AdminUiMode#DEVELOPMENT} by default */
    public AdminUiMode mode() {
        return mode;
    }

    /** @return how often the server statistics are sent, every 2 seconds by default */
    public Duration statsInterval() {
        return statsInterval;
    }

    /** @return the HTTP path the UI's pages are served under, {@code /admin/} by default, or {@code null} */
    public String uiPath() {
        return uiPath;
    }

    @Override
    public String toString() {
        return "AdminUiOptions[namespaceName=" + namespaceName + ", auth=" + auth + ", readonly=" + readonly
                + ", serverId=" + serverId + ", mode=" + mode + ", statsInterval=" + statsInterval
                + ", uiPath=" + uiPath + "]";
    }

    /** Builds {@link AdminUiOptions}. Not thread-safe. */
    public static final class Builder {

        private String namespaceName = "/admin";
        private AdminAuth auth;
        private boolean readonly;
        private String serverId;
        private AdminUiMode mode = AdminUiMode.DEVELOPMENT;
        private Duration statsInterval = Duration.ofSeconds(2);
        private String uiPath = "/admin/";

        private Builder() {
        }

        /**
         * Sets the admin namespace the UI connects to (its "Advanced options" must then name it too).
         *
         * @param name e.g. {@code /admin}; a missing leading slash is added
         * @return this builder
         */
        public Builder namespaceName(String name) {
            Objects.requireNonNull(name, "name");
            this.namespaceName = name.startsWith("/") ? name : "/" + name;
            return this;
        }

        /**
         * Sets how admin clients authenticate. Required, as in the reference: choose
         * {@link AdminAuth#none()} explicitly to go without.
         *
         * @param auth the method
         * @return this builder
         */
        public Builder auth(AdminAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /**
         * Refuses the admin client's commands (disconnect, join, leave, emit): it may only watch.
         *
         * @param readonly whether to refuse them
         * @return this builder
         */
        public Builder readonly(boolean readonly) {
            this.readonly = readonly;
            return this;
        }

        /**
         * Names this server in the UI's server list; give each server of a cluster its own.
         *
         * @param serverId the name, or {@code null} for the host name
         * @return this builder
         */
        public Builder serverId(String serverId) {
            this.serverId = serverId;
            return this;
        }

        /**
         * Sets how much the UI is told.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(AdminUiMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets how often the server statistics are sent (the UI marks a server unhealthy after 10 seconds
         * without them).
         *
         * @param interval a positive duration
         * @return this builder
         */
        public Builder statsInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the stats interval must be positive");
            }
            this.statsInterval = interval;
            return this;
        }

        /**
         * Sets the HTTP path the UI's pages are served under by {@link AdminUi#addHandlers}.
         *
         * @param path e.g. {@code /admin/} (a missing leading or trailing slash is added), or {@code null}
         *             to serve no pages (the UI is then opened from elsewhere, e.g. the hosted one)
         * @return this builder
         */
        public Builder uiPath(String path) {
            if (path == null) {
                this.uiPath = null;
            } else {
                String p = path.startsWith("/") ? path : "/" + path;
                this.uiPath = p.endsWith("/") ? p : p + "/";
            }
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalStateException if {@link #auth} was not set
         */
        public AdminUiOptions build() {
            if (auth == null) {
                throw new IllegalStateException(
                        "the auth option must be set, to AdminAuth.basic(...) or explicitly to AdminAuth.none()");
            }
            return new AdminUiOptions(this);
        }
    }
}
