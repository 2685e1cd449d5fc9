package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.redis.RedisShardedAdapterOptions;
import io.socketeer.redis.RedisShardedAdapterOptions.SubscriptionMode;
import io.socketeer.socketio.adapter.AdapterNamespace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The adapter of one namespace on Redis sharded pub/sub, as {@code createShardedAdapter} of
 * {@code @socket.io/redis-adapter} 8.x. Channels, for prefix {@code p} and namespace {@code n}: {@code p#n#}
 * for every message (its shard subscriber count is the number of servers), {@code p#n#uid#} for the
 * responses to this adapter, and in the dynamic modes {@code p#n#room#} for a broadcast to that single room,
 * subscribed while a local socket is in it (public rooms only in {@code DYNAMIC}, every room in
 * {@code DYNAMIC_PRIVATE}).
 */
public final class ShardedRedisAdapter extends ClusterProtocolAdapter {

    private final ShardedLink link;
    private final SubscriptionMode mode;
    private final String channel;
    private final String responseChannel;
    /** Local members per room with a channel of its own; guarded by itself. */
    private final Map<String, Integer> roomChannels = new HashMap<>();

    /**
     * Creates the adapter of a namespace.
     *
     * @param namespace the namespace
     * @param link the server's Redis connections
     * @param options the options
     */
    public ShardedRedisAdapter(AdapterNamespace namespace, ShardedLink link, RedisShardedAdapterOptions options) {
        super(namespace, options.executor(), options.requestsTimeout(), link.timers());
        this.link = link;
        this.mode = options.subscriptionMode();
        this.channel = options.channelPrefix() + "#" + namespace.name() + "#";
        this.responseChannel = channel + uid + "#";
    }

    /** Subscribes; {@link #ready()} completes when Redis confirmed both shard subscriptions. */
    @Override
    public void init() {
        readyWhen(CompletableFuture.allOf(link.ssubscribe(channel, this::onRaw),
                link.ssubscribe(responseChannel, this::onRaw)));
    }

    private void onRaw(String ch, byte[] bytes) {
        inbox.execute(() -> safely(ch, () -> onMessage(ClusterMessages.decode(bytes), null)));
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(List.of(channel, responseChannel));
        synchronized (roomChannels) {
            roomChannels.keySet().forEach(r -> names.add(dynamicChannel(r)));
            roomChannels.clear();
        }
        link.sunsubscribe(names.toArray(new String[0]));
        super.close();
    }

    private String dynamicChannel(String room) {
        return channel + room + "#";
    }

    @Override
    protected CompletableFuture<String> doPublish(ClusterMessageType type, ObjectNode message) {
        return link.spublish(channelOf(type, message.path("data")), ClusterMessages.encode(message))
                .thenApply(n -> "");
    }

    /** A broadcast without acknowledgements to one room goes to that room's channel in the dynamic modes. */
    private String channelOf(ClusterMessageType type, JsonNode data) {
        JsonNode rooms = data.path("opts").path("rooms");
        if (type != ClusterMessageType.BROADCAST || data.has("requestId") || rooms.size() != 1
                || mode == SubscriptionMode.STATIC) {
            return channel;
        }
        String room = rooms.get(0).asText();
        boolean looksLikeASocketId = room.length() == 20; // as the reference guesses
        return mode == SubscriptionMode.DYNAMIC_PRIVATE || !looksLikeASocketId ? dynamicChannel(room) : channel;
    }

    @Override
    protected void doPublishResponse(String requesterUid, ObjectNode response) {
        link.spublish(channel + requesterUid + "#", ClusterMessages.encode(response));
    }

    @Override
    protected CompletableFuture<Integer> countServers() {
        return link.shardNumsub(channel);
    }

    // ------------------------------------------------------------ room channels (dynamic modes)

    private boolean ownChannel(String room, String socketId) {
        if (mode == SubscriptionMode.DYNAMIC_PRIVATE) {
            return true;
        }
        return mode == SubscriptionMode.DYNAMIC && !room.equals(socketId)
                && namespace.localSocket(room) == null; // a public room, not a socket's own
    }

    @Override
    public void addAll(String socketId, Set<String> rooms) {
        if (mode == SubscriptionMode.STATIC) {
            super.addAll(socketId, rooms);
            return;
        }
        synchronized (roomChannels) {
            Set<String> before = socketRooms(socketId);
            super.addAll(socketId, rooms);
            for (String room : rooms) {
                if (!before.contains(room) && ownChannel(room, socketId)
                        && roomChannels.merge(room, 1, Integer::sum) == 1) {
                    link.ssubscribe(dynamicChannel(room), this::onRaw);
                }
            }
        }
    }

    @Override
    public void del(String socketId, String room) {
        if (mode == SubscriptionMode.STATIC) {
            super.del(socketId, room);
            return;
        }
        synchronized (roomChannels) {
            boolean member = socketRooms(socketId).contains(room);
            super.del(socketId, room);
            if (member) {
                left(room);
            }
        }
    }

    @Override
    public void delAll(String socketId) {
        if (mode == SubscriptionMode.STATIC) {
            super.delAll(socketId);
            return;
        }
        synchronized (roomChannels) {
            Set<String> before = socketRooms(socketId);
            super.delAll(socketId);
            before.forEach(this::left);
        }
    }

    private void left(String room) {
        Integer n = roomChannels.get(room);
        if (n == null) {
            return;
        }
        if (n == 1) {
            roomChannels.remove(room);
            link.sunsubscribe(dynamicChannel(room));
        } else {
            roomChannels.put(room, n - 1);
        }
    }
}
