package io.socketeer.redis.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.adapter.BroadcastOptions;

/**
 * A broadcast from another server, as read from the broadcast channel.
 *
 * @param uid the sending adapter's id
 * @param namespace the packet's namespace
 * @param data the event name and its arguments
 * @param options rooms, exclusions and flags ({@code local} set: it is delivered on this server only)
 */
public record BroadcastMessage(String uid, String namespace, ArrayNode data, BroadcastOptions options) {
}
