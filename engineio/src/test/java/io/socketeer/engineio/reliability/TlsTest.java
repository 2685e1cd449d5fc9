package io.socketeer.engineio.reliability;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server started with a Netty {@link SslContext} serves HTTPS polling and WSS, and tells the application
 * the handshake was secure.
 */
class TlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;
    private EngineIoServer server;
    private final AtomicBoolean secure = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        // a self-signed certificate made by the JDK's keytool, valid for 127.0.0.1
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SslContext ssl = SslContextBuilder.forServer(kmf).build();
        server = EngineIoServer.create(EngineIoOptions.builder().sslContext(ssl).build(), new EngineIoListener() {
            @Override
            public void onOpen(EngineIoSession session) {
                secure.set(session.handshake().secure());
            }

            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
                session.send(message);
            }

            @Override
            public void onClose(EngineIoSession session, CloseReason reason, String description) {
            }
        });
        int port = server.start(0).join().getPort();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(client).build();
        base = "127.0.0.1:" + port + "/engine.io/?EIO=4&transport=";
    }

    private HttpClient http;
    private String base;

    @AfterEach
    void stop() {
        server.close().join();
    }

    @Test
    void pollingHandshakeOverHttps() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://" + base + "polling")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("0{\"sid\":"), r.body());
        io.socketeer.testkit.Await.until("the session to open, marked secure", secure::get);
    }

    @Test
    void webSocketOverWss() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> echo = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("wss://" + base + "websocket"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        if (!first.complete(data.toString())) {
                            echo.complete(data.toString());
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertTrue(first.get(10, TimeUnit.SECONDS).startsWith("0{\"sid\":"));
        ws.sendText("4secret", true).get(10, TimeUnit.SECONDS);
        assertEquals("4secret", echo.get(10, TimeUnit.SECONDS));
        assertTrue(secure.get(), "the handshake is marked secure");
        ws.abort();
    }
}
