package com.example.chat;

import io.netty.util.Version;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page, the client bundle and Socket.IO on the application's one port; one Netty version. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatApplicationTest {

    @LocalServerPort
    int port;

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() {
        sockets.forEach(Socket::close);
    }

    @Test
    void servesThePageAndTheClientBundleOnTheSamePort() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url("/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/socket.io/socket.io.min.js"));
        HttpResponse<String> bundle = http.send(HttpRequest.newBuilder(URI.create(url("/socket.io/socket.io.min.js")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bundle.statusCode());
    }

    @Test
    void messagesReachTheOtherMembers() throws Exception {
        Socket ann = connect();
        Socket bob = connect();
        assertEquals("ann", ack(ann, "join", new JSONObject().put("nick", "ann")).getString("nick"));
        ack(bob, "join", new JSONObject().put("nick", "bob"));
        CompletableFuture<JSONObject> heard = new CompletableFuture<>();
        bob.on("message", args -> heard.complete((JSONObject) args[0]));
        JSONObject posted = ack(ann, "message", new JSONObject().put("text", "hello"));
        assertEquals("hello", posted.getString("text"));
        JSONObject received = heard.get(10, TimeUnit.SECONDS);
        assertEquals("ann", received.getString("nick"));
        assertEquals("hello", received.getString("text"));
    }

    @Test
    void invalidInputIsAnsweredWithAnError() throws Exception {
        Socket s = connect();
        assertEquals("invalid", ack(s, "join", new JSONObject().put("nick", "")).getString("error"));
        assertEquals("failed", ack(s, "message", new JSONObject().put("text", "hi")).getString("error"));
    }

    @Test
    void theApplicationRunsOnOneNettyVersion() {
        Version.identify().values().forEach(v ->
                assertEquals("4.2.18.Final", v.artifactVersion(), v.artifactId() + " " + v.artifactVersion()));
        assertTrue(Version.identify().containsKey("netty-codec-http"));
    }

    private Socket connect() throws Exception {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false).build();
        Socket s = IO.socket(URI.create(url("")), options);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        s.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        sockets.add(s);
        s.connect();
        connected.get(10, TimeUnit.SECONDS);
        return s;
    }

    private static JSONObject ack(Socket s, String event, JSONObject payload) throws Exception {
        CompletableFuture<JSONObject> answer = new CompletableFuture<>();
        s.emit(event, new Object[] {payload}, args -> answer.complete((JSONObject) args[0]));
        return answer.get(10, TimeUnit.SECONDS);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
