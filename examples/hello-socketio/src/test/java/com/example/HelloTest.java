package com.example;

import io.socketeer.socketio.SocketIoServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts the example and speaks the protocol to it over HTTP long-polling. */
class HelloTest {

    @Test
    void answersAHandshakeAConnectAndAnEcho() throws Exception {
        SocketIoServer io = Hello.create();
        int port = io.start(0).join().getPort();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling";
            HttpResponse<String> handshake = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String open = handshake.body();
            assertTrue(open.startsWith("0{\"sid\":\""), open);
            String sid = open.substring(9, open.indexOf('"', 9));
            assertEquals("io=" + sid + "; Path=/; HTTPOnly; SameSite=Lax",
                    handshake.headers().firstValue("set-cookie").orElse(null));
            String session = base + "&sid=" + sid;

            assertEquals("ok", post(http, session, "40"));
            assertTrue(get(http, session).startsWith("40{\"sid\":\""));
            assertEquals("ok", post(http, session, "421[\"echo\",\"hi\",42]"));
            assertEquals("431[\"hi\",42]", get(http, session));
            assertEquals("ok", post(http, session, "422[\"add\",40,2]"));
            assertEquals("432[42]", get(http, session));
            assertEquals("ok", post(http, session, "423[\"add\",0.5,0.25]"));
            assertEquals("433[0.75]", get(http, session));

            post(http, session, "424[\"hello\",\"a\"]\u001e425[\"hello\",\"b\"]\u001e426[\"echo\",\"x\"]");
            List<String> answers = new ArrayList<>();
            for (int polls = 0; polls < 5 && !answers.contains("436[\"x\"]"); polls++) {   // the echo comes last
                answers.addAll(List.of(get(http, session).split("\u001e")));
            }
            assertEquals(List.of("434[\"hello a\"]", "436[\"x\"]"), answers, "the second greeting had no listener");

            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/socket.io/socket.io.min.js")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } finally {
            io.close().join();
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
