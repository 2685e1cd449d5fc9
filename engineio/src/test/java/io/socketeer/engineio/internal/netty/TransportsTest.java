package io.socketeer.engineio.internal.netty;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standalone server runs on epoll when the native library is on the class path (it is, for these tests)
 * and on NIO when told not to, and serves a session on either.
 */
@EnabledOnOs(OS.LINUX)
class TransportsTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void picksEpollWhenPreferredAndAvailableElseNioAndServesOnEither(boolean preferNative) throws Exception {
        assertEquals(preferNative ? "epoll" : "nio", Transports.pick(preferNative).name());

        EngineIoServer server = EngineIoServer.create(EngineIoOptions.builder().nativeTransport(preferNative).build(),
                new EngineIoListener() {
                    @Override
                    public void onOpen(EngineIoSession session) {
                        session.send("hello");
                    }

                    @Override
                    public void onMessage(EngineIoSession session, EngineIoMessage message) {
                    }

                    @Override
                    public void onClose(EngineIoSession session, CloseReason reason, String description) {
                    }
                });
        try {
            int port = server.start(new InetSocketAddress("127.0.0.1", 0)).join().getPort();
            String url = "http://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=polling";
            HttpClient http = HttpClient.newHttpClient();
            String open = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(open.startsWith("0{\"sid\":\""), open);
            String sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\",\""));
            String poll = http.send(HttpRequest.newBuilder(URI.create(url + "&sid=" + sid)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("4hello", poll);
        } finally {
            server.close().join();
        }
    }
}
