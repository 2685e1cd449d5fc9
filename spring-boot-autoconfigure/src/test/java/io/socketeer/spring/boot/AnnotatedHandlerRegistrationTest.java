package io.socketeer.spring.boot;

import io.socketeer.socketio.Socket;
import io.socketeer.spring.boot.annotation.OnConnect;
import io.socketeer.spring.boot.annotation.OnEvent;
import io.socketeer.spring.boot.annotation.SocketIoController;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Handler methods that cannot work fail the start-up with a message naming them. */
class AnnotatedHandlerRegistrationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class))
            .withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1");

    @SocketIoController("/a")
    static class First {
        @OnEvent("same")
        void one() {
        }
    }

    @SocketIoController("a")
    static class Second {
        @OnEvent("same")
        void two() {
        }
    }

    @SocketIoController
    static class BadConnect {
        @OnConnect
        void connected(Socket socket, String what) {
        }
    }

    @SocketIoController
    static class Fine {
        @OnEvent
        String ping(Socket socket) {
            return "pong";
        }

        @OnConnect
        void connected(Socket socket) {
        }
    }

    @Test
    void anEventHandledTwiceInANamespaceFailsTheStart() {
        runner.withBean(First.class).withBean(Second.class).run(ctx -> assertThat(ctx).getFailure()
                .hasStackTraceContaining("event \"same\" is handled twice: by First.one and Second.two"));
    }

    @Test
    void aParameterThatCannotBeResolvedFailsTheStart() {
        runner.withBean(BadConnect.class).run(ctx -> assertThat(ctx).getFailure()
                .hasStackTraceContaining("cannot resolve parameter 1 (String) of BadConnect.connected"));
    }

    @Test
    void validControllersStart() {
        runner.withBean(Fine.class).run(ctx -> assertThat(ctx).hasNotFailed());
    }
}
