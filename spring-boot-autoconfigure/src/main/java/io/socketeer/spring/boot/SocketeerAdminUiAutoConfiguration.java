package io.socketeer.spring.boot;

import io.socketeer.adminui.AdminAuth;
import io.socketeer.adminui.AdminUi;
import io.socketeer.adminui.AdminUiOptions;
import io.socketeer.socketio.SocketIoServer;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With {@code socketeer.admin-ui.enabled=true} and {@code socketeer-admin-ui} in the class path, adds the
 * admin namespace the Socket.IO admin UI connects to (e.g. the hosted one at https://admin.socket.io).
 */
@AutoConfiguration(after = SocketeerAutoConfiguration.class)
@ConditionalOnClass(AdminUi.class)
@ConditionalOnBean(SocketIoServer.class)
@ConditionalOnBooleanProperty("socketeer.admin-ui.enabled")
public class SocketeerAdminUiAutoConfiguration {

    /** Creates the auto-configuration. */
    public SocketeerAdminUiAutoConfiguration() {
    }

    /**
     * The admin namespace and its statistics.
     *
     * @param io the server
     * @param properties the properties
     * @return the instrumentation, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public AdminUi socketIoAdminUi(SocketIoServer io, SocketeerProperties properties) {
        SocketeerProperties.AdminUi admin = properties.getAdminUi();
        AdminAuth auth;
        if (admin.getUsername() != null && admin.getPasswordHash() != null) {
            auth = AdminAuth.basic(admin.getUsername(), admin.getPasswordHash());
        } else {
            LoggerFactory.getLogger(SocketeerAdminUiAutoConfiguration.class).warn("socketeer.admin-ui has no"
                    + " username and password-hash: anyone who reaches the server may use the admin namespace");
            auth = AdminAuth.none();
        }
        return AdminUi.instrument(io, AdminUiOptions.builder().namespaceName(admin.getNamespace()).auth(auth)
                .readonly(admin.isReadOnly()).build());
    }
}
