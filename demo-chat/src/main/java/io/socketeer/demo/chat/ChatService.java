package io.socketeer.demo.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketeer.socketio.Ack;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoServer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The chat's rules: nicknames, rooms with their last 50 messages, join/leave notices, typing, online counts,
 * and the seed's {@code channel} event re-broadcast to everyone as {@code broadcast}.
 *
 * <p>Client to server: {@code join {nick, room}} (ack: the room's state), {@code message text},
 * {@code typing bool}, {@code switch room} (ack: the room's state), {@code rooms} (ack: the room list),
 * {@code channel text}. Server to client: {@code message}, {@code notice}, {@code typing}, {@code presence},
 * {@code rooms}, {@code broadcast}.
 */
final class ChatService {

    static final String DEFAULT_ROOM = "lobby";
    private static final int HISTORY = 50;
    private static final int MAX_TEXT = 1000;
    private static final Pattern ROOM_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,23}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SocketIoServer io;
    private final Map<String, Deque<ObjectNode>> history = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();

    /** What the chat knows of a socket; kept as the socket's data. */
    static final class Member {
        volatile String nick;
        volatile String room;
    }

    ChatService(SocketIoServer io) {
        this.io = io;
        history.put(DEFAULT_ROOM, new ArrayDeque<>());
    }

    void install() {
        io.onConnection(socket -> {
            // The seed's chat, unchanged: whatever comes in on "channel" goes to everyone as "broadcast".
            socket.on("channel", args -> io.emit("broadcast", args.get(0)));

            socket.on("join", (args, ack) -> join(socket, args.get(0), ack));
            socket.on("switch", (args, ack) -> switchRoom(socket, args.getString(0), ack));
            socket.on("rooms", (args, ack) -> ack.send(roomList()));
            socket.on("message", args -> say(socket, args.getString(0)));
            socket.on("typing", args -> typing(socket, args.getBoolean(0)));
            socket.onDisconnecting(reason -> leave(socket, "left"));
            socket.onDisconnect(reason -> broadcastRooms());
        });
    }

    private static Member member(Socket socket) {
        return socket.data();
    }

    private void join(Socket socket, JsonNode request, Ack ack) {
        String nick = cleanNick(request == null ? null : request.path("nick").asText(null));
        String room = cleanRoom(request == null ? null : request.path("room").asText(null));
        Member m = member(socket);
        if (m == null) {
            m = new Member();
            socket.data(m);
        } else if (m.room != null) {
            leave(socket, "left");
        }
        m.nick = nick;
        enter(socket, m, room, ack);
    }

    private void switchRoom(Socket socket, String requested, Ack ack) {
        Member m = member(socket);
        if (m == null) {
            ack.send(error("join first"));
            return;
        }
        String room = cleanRoom(requested);
        if (room.equals(m.room)) {
            ack.send(state(room, m.nick));
            return;
        }
        leave(socket, "went to #" + room);
        enter(socket, m, room, ack);
    }

    private void enter(Socket socket, Member m, String room, Ack ack) {
        m.room = room;
        history.computeIfAbsent(room, k -> new ArrayDeque<>());
        socket.join(room);
        ack.send(state(room, m.nick));
        socket.to(room).emit("notice", notice(room, m.nick + " joined"));
        presence(room);
        broadcastRooms();
    }

    private void leave(Socket socket, String how) {
        Member m = member(socket);
        if (m == null || m.room == null) {
            return;
        }
        String room = m.room;
        socket.leave(room);
        m.room = null;
        io.to(room).emit("notice", notice(room, m.nick + " " + how));
        io.to(room).emit("typing", JSON.objectNode().put("nick", m.nick).put("typing", false));
        presence(room);
    }

    private void say(Socket socket, String text) {
        Member m = member(socket);
        if (m == null || m.room == null || text == null) {
            return;
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return;
        }
        if (t.length() > MAX_TEXT) {
            t = t.substring(0, MAX_TEXT);
        }
        ObjectNode msg = JSON.objectNode()
                .put("id", messageIds.incrementAndGet())
                .put("room", m.room)
                .put("nick", m.nick)
                .put("text", t)
                .put("time", System.currentTimeMillis());
        Deque<ObjectNode> h = history.computeIfAbsent(m.room, k -> new ArrayDeque<>());
        synchronized (h) {
            h.addLast(msg);
            while (h.size() > HISTORY) {
                h.removeFirst();
            }
        }
        io.to(m.room).emit("message", msg);
    }

    private void typing(Socket socket, boolean typing) {
        Member m = member(socket);
        if (m != null && m.room != null) {
            socket.to(m.room).asVolatile().emit("typing",
                    JSON.objectNode().put("nick", m.nick).put("typing", typing));
        }
    }

    private ObjectNode state(String room, String nick) {
        ObjectNode s = JSON.objectNode().put("room", room).put("nick", nick).put("online", online(room));
        ArrayNode msgs = s.putArray("history");
        Deque<ObjectNode> h = history.get(room);
        if (h != null) {
            synchronized (h) {
                h.forEach(msgs::add);
            }
        }
        s.set("rooms", roomList());
        return s;
    }

    private ArrayNode roomList() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String room : history.keySet()) {
            counts.put(room, online(room));
        }
        ArrayNode list = JSON.arrayNode();
        counts.forEach((room, n) -> list.add(JSON.objectNode().put("name", room).put("online", n)));
        return list;
    }

    private int online(String room) {
        return io.sockets().adapter().sockets(Set.of(room)).size();
    }

    private void presence(String room) {
        io.to(room).emit("presence", JSON.objectNode().put("room", room).put("online", online(room)));
    }

    private void broadcastRooms() {
        io.emit("rooms", roomList());
    }

    private static ObjectNode notice(String room, String text) {
        return JSON.objectNode().put("room", room).put("text", text).put("time", System.currentTimeMillis());
    }

    private static ObjectNode error(String text) {
        return JSON.objectNode().put("error", text);
    }

    static String cleanNick(String nick) {
        String n = nick == null ? "" : nick.strip().replaceAll("\\s+", " ");
        if (n.length() > 24) {
            n = n.substring(0, 24);
        }
        return n.isEmpty() ? "guest-" + (1000 + ThreadLocalRandom.current().nextInt(9000)) : n;
    }

    static String cleanRoom(String room) {
        String r = room == null ? "" : room.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s_]+", "-");
        return ROOM_NAME.matcher(r).matches() ? r : DEFAULT_ROOM;
    }
}
