package io.socketeer.adminui;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The options: the reference's defaults, auth that must be chosen, bcrypt hashes checked up front.
 */
class AdminUiOptionsTest {

    @Test
    void defaultsAreThoseOfTheReferencePlusTheUiPath() {
        AdminUiOptions o = AdminUiOptions.builder().auth(AdminAuth.none()).build();

        assertEquals("/admin", o.namespaceName());
        assertFalse(o.readonly());
        assertNull(o.serverId());
        assertEquals(AdminUiMode.DEVELOPMENT, o.mode());
        assertEquals(Duration.ofSeconds(2), o.statsInterval());
        assertEquals("/admin/", o.uiPath());
    }

    @Test
    void authMustBeChosenExplicitly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AdminUiOptions.builder().build());
        assertTrue(e.getMessage().contains("auth"));
    }

    @Test
    void basicAuthAcceptsBcryptHashesOnly() {
        assertEquals("admin", AdminAuth.basic("admin", AdminUiProtocolTest.CHANGEIT) instanceof AdminAuth.Basic b
                ? b.username() : null);
        AdminAuth.basic("admin", "$2a$04$abcdefghijklmnopqrstuu5Ccd7QXzBkNUWhO5UfAsdR2nVPvZdqy");
        assertThrows(IllegalArgumentException.class, () -> AdminAuth.basic("admin", "changeit"));
        assertThrows(IllegalArgumentException.class, () -> AdminAuth.basic("admin", "$2b$10$short"));
    }

    @Test
    void basicAuthNeverPrintsTheHash() {
        assertFalse(AdminAuth.basic("admin", AdminUiProtocolTest.CHANGEIT).toString().contains("$2b$"));
    }

    @Test
    void namesAndPathsGetTheirSlashes() {
        AdminUiOptions o = AdminUiOptions.builder().auth(AdminAuth.none()).namespaceName("ops").uiPath("tools/admin")
                .build();
        assertEquals("/ops", o.namespaceName());
        assertEquals("/tools/admin/", o.uiPath());
        assertNull(AdminUiOptions.builder().auth(AdminAuth.none()).uiPath(null).build().uiPath());
    }

    @Test
    void theStatsIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> AdminUiOptions.builder().statsInterval(Duration.ZERO));
    }
}
