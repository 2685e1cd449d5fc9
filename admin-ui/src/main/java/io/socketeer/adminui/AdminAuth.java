package io.socketeer.adminui;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How admin clients authenticate, as the reference's {@code auth} option: {@link #none()} ({@code false}
 * there) or {@link #basic} ({@code {type: "basic", username, password}}).
 */
public sealed interface AdminAuth permits AdminAuth.None, AdminAuth.Basic {

    /**
     * Lets every client into the admin namespace. Only for a server no one else can reach.
     *
     * @return the option
     */
    static AdminAuth none() {
        return None.INSTANCE;
    }

    /**
     * Asks for a user name and a password, checked against a bcrypt hash (make one with
     * {@code htpasswd -nbBC 10 "" secret | cut -c 2-}, or bcrypt in any language).
     *
     * @param username the user name
     * @param passwordHash the bcrypt hash of the password ({@code $2a$}, {@code $2b$} or {@code $2y$})
     * @return the option
     * @throws IllegalArgumentException if the hash is not a bcrypt hash
     */
    static AdminAuth basic(String username, String passwordHash) {
        return new Basic(username, passwordHash);
    }

    /** No authentication. */
    enum None implements AdminAuth {
        /** The only value. */
        INSTANCE
    }

    /**
     * A user name and the bcrypt hash of its password, compared with the {@code username} and
     * {@code password} of the admin client's CONNECT payload (what the UI's login form sends).
     *
     * @param username the user name
     * @param passwordHash the bcrypt hash of the password
     */
    record Basic(String username, String passwordHash) implements AdminAuth {

        private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

        /**
         * Checks the values.
         *
         * @param username the user name
         * @param passwordHash the bcrypt hash of the password
         */
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
            if (!BCRYPT.matcher(passwordHash).matches()) {
                throw new IllegalArgumentException("the password must be a valid bcrypt hash");
            }
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + "]";
        }
    }
}
