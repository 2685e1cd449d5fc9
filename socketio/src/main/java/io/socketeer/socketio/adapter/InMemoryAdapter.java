package io.socketeer.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.socketeer.socketio.RemoteSocket;

import java.time.Duration;
import java.util.ArrayDeque;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The adapter of a single server: rooms in memory, broadcasts delivered to local sockets, each packet
 * encoded once. Cluster adapters extend it and call {@code super} for the local part.
 */
public class InMemoryAdapter implements Adapter {

    /** The namespace served. */
    protected final AdapterNamespace namespace;
    private final ConcurrentHashMap<String, Set<String>> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> sids = new ConcurrentHashMap<>();
    private final Object recoveryLock = new Object();
    private final ArrayDeque<LoggedPacket> packetLog = new ArrayDeque<>();
    private final Map<String, KeptSession> sessions = new HashMap<>();
    private final AtomicLong offsetCounter = new AtomicLong();
    private final String offsetPrefix = Long.toString(System.nanoTime() & 0xFFFFFFFFL, 36) + ".";

    /**
     * Creates the adapter of a namespace.
     *
     * @param namespace the namespace
     */
    public InMemoryAdapter(AdapterNamespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public void addAll(String socketId, Set<String> roomNames) {
        // The room updates happen inside the socket's compute(), so calls for one socket from different
        // threads (a join racing a leave or delAll) apply to both maps in the same order; and each room
        // update happens inside compute() so a concurrent removal of the last member cannot orphan it.
        // Sets start small: most sockets are in a room or two, and most rooms are a socket's own.
        // The namespace hears of each change after the map updates, outside compute(), so its listeners may
        // call back into the adapter.
        // Each room joined and whether it was created, in pairs, until the first null: one array per call.
        Object[] joined = new Object[2 * roomNames.size()];
        sids.compute(socketId, (k, set) -> {
            Set<String> s = set != null ? expand(k, set) : Set.of();
            int n = 0;
            for (String room : roomNames) {
                if (!s.contains(room)) {
                    s = with(s, room);
                    int at = n;
                    joined[at] = room;
                    joined[at + 1] = Boolean.FALSE;
                    rooms.compute(room, (r, members) -> {
                        if (members == null) {
                            joined[at + 1] = Boolean.TRUE; // created, in the same atomic step
                            return compact(r, with(Set.of(), socketId));
                        }
                        return compact(r, with(expand(r, members), socketId));
                    });
                    n += 2;
                }
            }
            return compact(k, s);
        });
        for (int i = 0; i < joined.length && joined[i] != null; i += 2) {
            String room = (String) joined[i];
            if (joined[i + 1] == Boolean.TRUE) {
                namespace.roomCreated(room);
            }
            namespace.roomJoined(room, socketId);
        }
    }

    @Override
    public void del(String socketId, String room) {
        boolean[] leftDeleted = new boolean[2];
        sids.computeIfPresent(socketId, (k, set) -> {
            Set<String> s = expand(k, set);
            if (s.contains(room)) {
                leftDeleted[0] = true;
                leftDeleted[1] = removeFromRoom(room, socketId);
                return compact(k, without(s, room)); // possibly empty: the socket stays known, in no room
            }
            return set;
        });
        if (leftDeleted[0]) {
            namespace.roomLeft(room, socketId);
            if (leftDeleted[1]) {
                namespace.roomDeleted(room);
            }
        }
    }

    @Override
    public void delAll(String socketId) {
        // Each room left and whether it went with it, in pairs: one array, made once the rooms are known.
        Object[][] left = new Object[1][];
        sids.computeIfPresent(socketId, (k, joined) -> {
            Set<String> rs = expand(k, joined);
            Object[] pairs = new Object[2 * rs.size()];
            int n = 0;
            for (String room : rs) {
                pairs[n++] = room;
                pairs[n++] = removeFromRoom(room, socketId) ? Boolean.TRUE : Boolean.FALSE;
            }
            left[0] = pairs;
            return null;
        });
        Object[] pairs = left[0];
        if (pairs == null) {
            return;
        }
        for (int i = 0; i < pairs.length; i += 2) {
            String room = (String) pairs[i];
            namespace.roomLeft(room, socketId);
            if (pairs[i + 1] == Boolean.TRUE) {
                namespace.roomDeleted(room);
            }
        }
    }

    /** @return whether the socket was the room's last member: the room is gone (a member's room exists) */
    private boolean removeFromRoom(String room, String socketId) {
        return rooms.computeIfPresent(room, (k, set) -> {
            Set<String> rest = without(expand(k, set), socketId);
            return rest.isEmpty() ? null : compact(k, rest);
        }) == null;
    }

    // Sets of rooms and of members are held in the maps as immutable sets while they have at most one
    // element (most sockets are in their own room only, most rooms are a socket's own), and become concurrent
    // sets from the second on. They change only inside the maps' compute(), which replaces the value.

    // Most sockets are in their own room only, and that room has them only: the two maps hold OWN for a set of
    // one element equal to its key (the socket's own room in sids, the socket in its room in rooms), which
    // saves two sets per socket. Every value read from the maps goes through expand().

    /** The value meaning "the set of the key alone". Never leaves this class. */
    private static final Set<String> OWN = java.util.Collections.unmodifiableSet(new HashSet<>());

    private static Set<String> expand(String key, Set<String> value) {
        return value == OWN ? Set.of(key) : value;
    }

    private static Set<String> compact(String key, Set<String> set) {
        return set.size() == 1 && !(set instanceof ConcurrentHashMap.KeySetView) && set.contains(key) ? OWN : set;
    }

    private Set<String> members(String room) {
        Set<String> v = rooms.get(room);
        return v == null ? null : expand(room, v);
    }

    private static Set<String> with(Set<String> set, String element) {
        if (set instanceof ConcurrentHashMap.KeySetView) {
            set.add(element);
            return set;
        }
        if (set.isEmpty()) {
            return Set.of(element);
        }
        if (set.contains(element)) {
            return set;
        }
        Set<String> concurrent = ConcurrentHashMap.newKeySet(4);
        concurrent.addAll(set);
        concurrent.add(element);
        return concurrent;
    }

    private static Set<String> without(Set<String> set, String element) {
        if (set instanceof ConcurrentHashMap.KeySetView) {
            set.remove(element);
            return set;
        }
        return set.contains(element) ? Set.of() : set;
    }

    @Override
    public Set<String> socketRooms(String socketId) {
        Set<String> s = sids.get(socketId);
        return s == null ? Set.of() : Set.copyOf(expand(socketId, s));
    }

    @Override
    public Set<String> sockets(Set<String> roomNames) {
        Set<String> ids = new LinkedHashSet<>();
        targets(new BroadcastOptions(roomNames, Set.of(), false, true, false)).forEach(ids::add);
        return ids;
    }

    @Override
    public Map<String, Set<String>> rooms() {
        Map<String, Set<String>> copy = new HashMap<>();
        rooms.forEach((k, v) -> copy.put(k, Set.copyOf(expand(k, v))));
        return copy;
    }

    /**
     * Computes the local receivers of a broadcast: sockets in any target room (all sockets when none), minus
     * those in an excluded room, each once.
     *
     * @param options the selection
     * @return the socket ids
     */
    protected Iterable<String> targets(BroadcastOptions options) {
        Set<String> excluded = Set.of();
        if (!options.except().isEmpty()) {
            excluded = new HashSet<>();
            for (String room : options.except()) {
                Set<String> members = members(room);
                if (members != null) {
                    excluded.addAll(members);
                }
            }
        }
        if (options.rooms().isEmpty()) {
            if (excluded.isEmpty()) {
                return sids.keySet();
            }
            List<String> ids = new ArrayList<>(sids.size());
            for (String id : sids.keySet()) {
                if (!excluded.contains(id)) {
                    ids.add(id);
                }
            }
            return ids;
        }
        if (options.rooms().size() == 1 && excluded.isEmpty()) {
            Set<String> members = members(options.rooms().iterator().next());
            return members == null ? List.of() : members;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String room : options.rooms()) {
            Set<String> members = members(room);
            if (members != null) {
                for (String id : members) {
                    if (!excluded.contains(id)) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }

    @Override
    public void broadcast(OutgoingPacket packet, BroadcastOptions options) {
        Duration window = namespace.recoveryWindow();
        if (window != null && packet.type() == PacketType.EVENT && packet.id() < 0 && !options.volatileFlag()) {
            // Connection state recovery: every event gets an offset as its last argument, and is kept so a
            // client that reconnects with an earlier offset can be sent what it missed.
            String offset = offsetPrefix + Long.toString(offsetCounter.getAndIncrement(), 36);
            packet.data().add(offset);
            long now = System.currentTimeMillis();
            synchronized (recoveryLock) {
                prune(now, window);
                packetLog.addLast(new LoggedPacket(offset, now, packet.data(), options));
            }
        }
        namespace.deliver(packet, targets(options), options, null);
    }

    @Override
    public void persistSession(PersistedSession session) {
        Duration window = namespace.recoveryWindow();
        if (window == null) {
            return;
        }
        long now = System.currentTimeMillis();
        synchronized (recoveryLock) {
            prune(now, window);
            sessions.put(session.pid(), new KeptSession(session, now));
        }
    }

    @Override
    public CompletableFuture<PersistedSession> restoreSession(String pid, String offset) {
        Duration window = namespace.recoveryWindow();
        if (window == null) {
            return CompletableFuture.completedFuture(null);
        }
        long now = System.currentTimeMillis();
        synchronized (recoveryLock) {
            prune(now, window);
            KeptSession kept = sessions.get(pid);
            if (kept == null) {
                return CompletableFuture.completedFuture(null);
            }
            List<ArrayNode> missed = null;
            for (LoggedPacket p : packetLog) {
                if (missed != null) {
                    if (includes(kept.session().rooms(), p.options())) {
                        missed.add(p.data());
                    }
                } else if (p.offset().equals(offset)) {
                    missed = new ArrayList<>();
                }
            }
            if (missed == null) {
                return CompletableFuture.completedFuture(null); // offset unknown or expired
            }
            sessions.remove(pid);
            PersistedSession s = kept.session();
            return CompletableFuture.completedFuture(
                    new PersistedSession(s.sid(), s.pid(), s.rooms(), s.data(), missed));
        }
    }

    private static boolean includes(Set<String> socketRooms, BroadcastOptions options) {
        boolean included = options.rooms().isEmpty();
        for (String room : socketRooms) {
            if (options.except().contains(room)) {
                return false;
            }
            if (options.rooms().contains(room)) {
                included = true;
            }
        }
        return included;
    }

    private void prune(long now, Duration window) {
        long oldest = now - window.toMillis();
        while (!packetLog.isEmpty() && packetLog.peekFirst().at() < oldest) {
            packetLog.pollFirst();
        }
        sessions.values().removeIf(k -> k.at() < oldest);
    }

    private record LoggedPacket(String offset, long at, ArrayNode data, BroadcastOptions options) {
    }

    private record KeptSession(PersistedSession session, long at) {
    }

    @Override
    public void broadcastWithAck(OutgoingPacket packet, BroadcastOptions options, AckCollector acks) {
        int n = namespace.deliver(packet, targets(options), options, acks);
        acks.expect(n);
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> found = new ArrayList<>();
        for (String id : targets(options)) {
            RemoteSocket s = namespace.localSocket(id);
            if (s != null) {
                found.add(s);
            }
        }
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> roomNames) {
        String[] r = roomNames.toArray(new String[0]);
        for (String id : snapshot(options)) {
            RemoteSocket s = namespace.localSocket(id);
            if (s != null) {
                s.join(r);
            }
        }
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> roomNames) {
        for (String id : snapshot(options)) {
            RemoteSocket s = namespace.localSocket(id);
            if (s != null) {
                for (String room : roomNames) {
                    s.leave(room);
                }
            }
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        for (String id : snapshot(options)) {
            RemoteSocket s = namespace.localSocket(id);
            if (s != null) {
                s.disconnect(close);
            }
        }
    }

    private List<String> snapshot(BroadcastOptions options) {
        List<String> ids = new ArrayList<>();
        targets(options).forEach(ids::add);
        return ids;
    }
}
