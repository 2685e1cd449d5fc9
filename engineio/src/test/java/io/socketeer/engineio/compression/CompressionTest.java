package io.socketeer.engineio.compression;

import io.socketeer.engineio.CloseReason;
import io.socketeer.engineio.EngineIoListener;
import io.socketeer.engineio.EngineIoMessage;
import io.socketeer.engineio.EngineIoOptions;
import io.socketeer.engineio.EngineIoServer;
import io.socketeer.engineio.EngineIoSession;
import io.socketeer.testkit.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Polling answers are gzip-compressed past the threshold for clients that accept it (on by default, as the
 * reference); WebSocket permessage-deflate is negotiated only when turned on, and then the real client's
 * messages round-trip compressed.
 */
class CompressionTest {

    private EngineIoServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close().join();
    }

    private int start(EngineIoOptions options) {
        server = EngineIoServer.create(options, new EngineIoListener() {
            @Override
            public void onOpen(EngineIoSession session) {
            }

            @Override
            public void onMessage(EngineIoSession session, EngineIoMessage message) {
                session.send(message);
            }

            @Override
            public void onClose(EngineIoSession session, CloseReason reason, String description) {
            }
        });
        return server.start(0).join().getPort();
    }

    private HttpResponse<byte[]> request(String url, String post, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (gzip) {
            b.header("Accept-Encoding", "gzip, deflate");
        }
        if (post != null) {
            b.POST(HttpRequest.BodyPublishers.ofString(post));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void largePollingAnswersAreGzippedForClientsThatAcceptIt() throws Exception {
        int port = start(EngineIoOptions.defaults());
        String base = "http://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=polling";
        String open = new String(request(base, null, false).body(), StandardCharsets.UTF_8);
        String sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\",\""));
        String session = base + "&sid=" + sid;
        String big = "4" + "abc".repeat(1000);

        request(session, big, false);
        HttpResponse<byte[]> zipped = request(session, null, true);
        assertEquals("gzip", zipped.headers().firstValue("content-encoding").orElse(null));
        assertTrue(zipped.body().length < 200, "compressed to " + zipped.body().length + " bytes");
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            assertEquals(big, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        request(session, "4small", false);
        HttpResponse<byte[]> plain = request(session, null, true);
        assertNull(plain.headers().firstValue("content-encoding").orElse(null), "under the threshold");
        assertEquals("4small", new String(plain.body(), StandardCharsets.UTF_8));

        request(session, big, false);
        HttpResponse<byte[]> refused = request(session, null, false);
        assertNull(refused.headers().firstValue("content-encoding").orElse(null), "not accepted by the client");
        assertEquals(big, new String(refused.body(), StandardCharsets.UTF_8));
    }

    @Test
    void httpCompressionCanBeTurnedOff() throws Exception {
        int port = start(EngineIoOptions.builder().httpCompression(false).build());
        String base = "http://127.0.0.1:" + port + "/engine.io/?EIO=4&transport=polling";
        String open = new String(request(base, null, false).body(), StandardCharsets.UTF_8);
        String session = base + "&sid=" + open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\",\""));
        request(session, "4" + "x".repeat(5000), false);
        assertNull(request(session, null, true).headers().firstValue("content-encoding").orElse(null));
    }

    @Test
    void permessageDeflateIsOffByDefault() throws Exception {
        int port = start(EngineIoOptions.defaults());
        assertFalse(upgradeResponse(port).toLowerCase().contains("permessage-deflate"));
    }

    @Test
    void permessageDeflateIsNegotiatedWhenOnAndTheRealClientRoundTrips() throws Exception {
        int port = start(EngineIoOptions.builder().perMessageDeflate(true).build());
        assertTrue(upgradeResponse(port).toLowerCase().contains("sec-websocket-extensions: permessage-deflate"));
        try (NodeProcess node = NodeProcess.start("interop/eio-deflate.js", "http://127.0.0.1:" + port)) {
            assertEquals(0, node.awaitExit(Duration.ofSeconds(30)), node.transcript());
            assertTrue(node.lines().contains("EXTENSIONS permessage-deflate"), node.transcript());
            assertTrue(node.lines().stream().anyMatch(l -> l.startsWith("PASS")), node.transcript());
        }
    }

    private static String upgradeResponse(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
                head.add(l);
            }
            return String.join("\n", head);
        }
    }
}
