package io.socketeer.demo.chat;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * State of the raw WebSocket examples: the clients of the time push and of the broadcast chat, and the
 * one-second clock that feeds the time push.
 */
final class RawWebSockets {

    private final ChannelGroup timeClients = new DefaultChannelGroup("ws-time", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup chatClients = new DefaultChannelGroup("ws-chat", GlobalEventExecutor.INSTANCE);
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ws-time-clock");
        t.setDaemon(true);
        return t;
    });

    RawWebSockets() {
        clock.scheduleAtFixedRate(() -> {
            if (!timeClients.isEmpty()) {
                timeClients.writeAndFlush(new TextWebSocketFrame(Instant.now().toString()));
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    void addTimeClient(Channel ch) {
        timeClients.add(ch);
        ch.writeAndFlush(new TextWebSocketFrame(Instant.now().toString()));
    }

    void addChatClient(Channel ch) {
        chatClients.add(ch);
    }

    void chat(String text) {
        chatClients.writeAndFlush(new TextWebSocketFrame(text));
    }

    void close() {
        clock.shutdownNow();
        timeClients.close();
        chatClients.close();
    }
}
