package io.socketeer.redis.internal;

import io.lettuce.core.pubsub.RedisPubSubAdapter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The listener of one subscribed connection shared by the adapters of a server: it hands each message (plain,
 * pattern or shard) to the handler of its channel or pattern, called with the channel, on Lettuce's event loop.
 */
final class ChannelRouter extends RedisPubSubAdapter<String, byte[]> {

    private final Map<String, BiConsumer<String, byte[]>> channels = new ConcurrentHashMap<>();
    private final Map<String, BiConsumer<String, byte[]>> patterns = new ConcurrentHashMap<>();

    /**
     * Routes a channel's messages to a handler, unless it has one already.
     *
     * @param channel the channel
     * @param handler its handler
     * @return whether the channel is new (to be subscribed)
     */
    boolean addChannel(String channel, BiConsumer<String, byte[]> handler) {
        return channels.putIfAbsent(channel, handler) == null;
    }

    /**
     * Routes the messages of the channels matching a pattern to a handler, unless it has one already.
     *
     * @param pattern the pattern
     * @param handler its handler
     * @return whether the pattern is new (to be subscribed)
     */
    boolean addPattern(String pattern, BiConsumer<String, byte[]> handler) {
        return patterns.putIfAbsent(pattern, handler) == null;
    }

    /** @param names channels whose messages are dropped from now on */
    void removeChannels(String... names) {
        for (String c : names) {
            channels.remove(c);
        }
    }

    /** @param pattern a pattern whose messages are dropped from now on */
    void removePattern(String pattern) {
        patterns.remove(pattern);
    }

    @Override
    public void message(String channel, byte[] message) {
        route(channels.get(channel), channel, message);
    }

    @Override
    public void message(String pattern, String channel, byte[] message) {
        route(patterns.get(pattern), channel, message);
    }

    @Override
    public void smessage(String channel, byte[] message) {
        route(channels.get(channel), channel, message);
    }

    private static void route(BiConsumer<String, byte[]> handler, String channel, byte[] message) {
        if (handler != null) {
            handler.accept(channel, message);
        }
    }
}
