package io.socketeer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.socketio.Socket;
import io.socketeer.spring.boot.SocketIoOptionsCustomizer;
import io.socketeer.spring.boot.SocketeerAutoConfiguration;
import io.socketeer.spring.boot.annotation.OnEvent;
import io.socketeer.spring.boot.annotation.SocketIoController;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link OurServer}'s echo and acknowledged echo through an annotated controller of the Spring Boot starter
 * (own-port mode, no web server), with the same settings: one I/O thread, handlers on it, no compression, no
 * client bundle. Started by {@code OurServer <port> annotated}; prints READY and answers the {@link Admin}
 * lines.
 */
public final class AnnotatedEchoServer {

    private AnnotatedEchoServer() {
    }

    /**
     * Starts the application and prints READY.
     *
     * @param port the port on 127.0.0.1
     */
    static void run(int port) {
        SpringApplication app = new SpringApplication(Application.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        app.run("--socketeer.mode=own-port", "--socketeer.port=" + port, "--socketeer.host=127.0.0.1",
                "--socketeer.handlers-on-event-loop=true", "--socketeer.http-compression=false",
                "--socketeer.serve-client=false", "--spring.main.banner-mode=off");
        Admin.serve();
    }

    /** The application: the starter's auto-configuration and the controller. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(SocketeerAutoConfiguration.class)
    @Import(EchoController.class)
    static class Application {
        @Bean
        SocketIoOptionsCustomizer oneIoThread() {
            return options -> options.ioThreads(1);
        }
    }

    /** The echo handlers, as a user would write them. */
    @SocketIoController
    static class EchoController {
        @OnEvent("echo")
        void echo(Socket socket, JsonNode payload) {
            socket.emit("echo", payload);
        }

        @OnEvent("echoack")
        JsonNode echoack(JsonNode payload) {
            return payload;
        }
    }
}
