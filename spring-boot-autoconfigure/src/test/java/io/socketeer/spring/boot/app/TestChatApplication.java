package io.socketeer.spring.boot.app;

import io.socketeer.socketio.Middleware;
import io.socketeer.spring.boot.annotation.SocketIoConnectException;
import io.socketeer.spring.boot.annotation.SocketIoMiddleware;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small application for the tests: a REST endpoint, annotated Socket.IO controllers, middlewares. */
@SpringBootApplication
public class TestChatApplication {

    /** Every middleware call, in order, to check the order of the beans. */
    @Bean
    List<String> middlewareTrace() {
        return new CopyOnWriteArrayList<>();
    }

    @Bean
    @Order(2)
    Middleware second(List<String> middlewareTrace) {
        return (socket, next) -> {
            middlewareTrace.add("second " + socket.namespace().name());
            next.proceed();
        };
    }

    @Bean
    @Order(1)
    Middleware first(List<String> middlewareTrace) {
        return (socket, next) -> {
            middlewareTrace.add("first " + socket.namespace().name());
            next.proceed();
        };
    }

    /** Refuses sockets of /secure without the right token, with a message and data the client reads. */
    @Component
    @SocketIoMiddleware(namespace = "/secure")
    static class TokenCheck implements Middleware {
        @Override
        public void handle(io.socketeer.socketio.Socket socket, Next next) {
            if (!"let-me-in".equals(socket.handshake().auth().path("token").asText())) {
                throw new SocketIoConnectException("unauthorized", Map.of("code", 401));
            }
            next.proceed();
        }
    }

    /** The REST endpoint that answers on the same port as Socket.IO. */
    @RestController
    static class Rest {
        @GetMapping("/api/hello")
        Map<String, String> hello() {
            return Map.of("hello", "rest");
        }
    }
}
