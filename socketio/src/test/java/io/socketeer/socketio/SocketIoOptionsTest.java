package io.socketeer.socketio;

import io.socketeer.engineio.EngineIoOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path a Socket.IO server serves: {@code /socket.io/} whatever Engine.IO settings are given without a path,
 * another only when asked for, and a contradiction refused at build time.
 */
class SocketIoOptionsTest {

    @Test
    void servesTheClientsDefaultPathByDefault() {
        assertEquals("/socket.io/", SocketIoOptions.defaults().path());
        assertEquals("/socket.io/", SocketIoOptions.defaults().engine().path());
    }

    @Test
    void anEngineCustomiserStartsFromTheSocketIoSettings() {
        SocketIoOptions o = SocketIoOptions.builder()
                .engine(e -> e.maxPayload(100_000))
                .engine(e -> e.pingInterval(Duration.ofSeconds(10)))
                .build();
        assertEquals("/socket.io/", o.path());
        assertEquals(100_000, o.engine().maxPayload(), "the second customiser kept what the first set");
        assertEquals(Duration.ofSeconds(10), o.engine().pingInterval());
    }

    @Test
    void engineOptionsBuiltWithoutAPathDoNotMoveTheServerToTheEngineIoDefault() {
        SocketIoOptions o = SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().maxPayload(5000).allowEio3(true).build())
                .build();
        assertEquals("/socket.io/", o.path());
        assertEquals(5000, o.engine().maxPayload());
        assertTrue(o.engine().allowEio3());
    }

    @Test
    void anExplicitEnginePathIsHonoured() {
        SocketIoOptions o = SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().path("/realtime/").build())
                .build();
        assertEquals("/realtime/", o.path());
    }

    @Test
    void thePathCanBeSetOnTheSocketIoBuilder() {
        SocketIoOptions o = SocketIoOptions.builder().path("chat").engine(e -> e.maxPayload(1000)).build();
        assertEquals("/chat/", o.path());
        assertEquals(1000, o.engine().maxPayload());
        assertEquals("/chat/", SocketIoOptions.builder().engine(e -> e.maxPayload(1000)).path("/chat").build().path());
    }

    @Test
    void twoDifferentExplicitPathsFailTheBuild() {
        SocketIoOptions.Builder b = SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().path("/a/").build())
                .path("/b/");
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("/a/") && e.getMessage().contains("/b/"), e.getMessage());
    }

    @Test
    void aServerGivenEngineOptionsWithoutAPathAnswersAtSocketIo() throws Exception {
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
                .engine(EngineIoOptions.builder().maxPayload(10_000).build())
                .build());
        int port = io.start(0).join().getPort();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("0{\"sid\":"), r.body());
            assertTrue(r.body().contains("\"maxPayload\":10000"), r.body());
        } finally {
            io.close().join();
        }
    }
}
