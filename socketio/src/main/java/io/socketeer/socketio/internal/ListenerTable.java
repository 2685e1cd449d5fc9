package io.socketeer.socketio.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The event listeners of a socket as an immutable value, replaced on every change (listeners are added rarely,
 * mostly in connection listeners, and read on every packet). Up to {@value #FLAT_MAX} events it is one array
 * of event names and their listeners alternating, looked up by a scan, which for a handful of events is as
 * fast as hashing and costs an idle socket a third of an immutable map; beyond, an immutable map. An event's
 * entry is a listener or, for several, an {@code Object[]} of them in order of registration.
 */
final class ListenerTable {

    /** The table of no listeners. */
    static final Object EMPTY = new Object[0];

    private static final int FLAT_MAX = 8;

    private ListenerTable() {
    }

    /**
     * Returns the entry of an event.
     *
     * @param table a table
     * @param event the event name
     * @return its listener, an {@code Object[]} of its listeners, or {@code null}
     */
    static Object get(Object table, String event) {
        if (table instanceof Object[] flat) {
            for (int i = 0; i < flat.length; i += 2) {
                if (event.equals(flat[i])) {
                    return flat[i + 1];
                }
            }
            return null;
        }
        return ((Map<?, ?>) table).get(event);
    }

    /**
     * Returns the table with one more listener for an event, after the ones it has.
     *
     * @param table a table
     * @param event the event name
     * @param listener the listener
     * @return the new table
     */
    static Object with(Object table, String event, Object listener) {
        Object old = get(table, event);
        Object entry = old == null ? listener
                : old instanceof Object[] several ? append(several, listener) : new Object[] {old, listener};
        return put(table, event, entry);
    }

    /**
     * Returns the table without the listeners of an event.
     *
     * @param table a table
     * @param event the event name
     * @return the new table
     */
    static Object without(Object table, String event) {
        if (get(table, event) == null) {
            return table;
        }
        Map<String, Object> map = toMap(table);
        map.remove(event);
        return of(map);
    }

    /**
     * Returns the table without one listener of an event: the last added of those that match, as Node's
     * {@code removeListener} takes the most recently added instance.
     *
     * @param table a table
     * @param event the event name
     * @param matches which listeners to remove one of
     * @return the new table, or the same one if no listener matched
     */
    static Object without(Object table, String event, Predicate<Object> matches) {
        Object old = get(table, event);
        if (old == null) {
            return table;
        }
        if (!(old instanceof Object[] several)) {
            return matches.test(old) ? without(table, event) : table;
        }
        Object[] rest = withoutLast(several, matches);
        return rest == several ? table : put(table, event, rest.length == 1 ? rest[0] : rest);
    }

    /**
     * Returns an array without the last element that matches (a socket's listeners of one event, its catch-all
     * listeners).
     *
     * @param array the array
     * @param matches which elements to remove one of
     * @param <T> the elements' type
     * @return a shorter copy, or the same array if no element matched
     */
    static <T> T[] withoutLast(T[] array, Predicate<? super T> matches) {
        for (int i = array.length - 1; i >= 0; i--) {
            if (matches.test(array[i])) {
                T[] rest = Arrays.copyOf(array, array.length - 1);
                System.arraycopy(array, i + 1, rest, i, rest.length - i);
                return rest;
            }
        }
        return array;
    }

    private static Object put(Object table, String event, Object entry) {
        if (table instanceof Object[] flat) {
            for (int i = 0; i < flat.length; i += 2) {
                if (event.equals(flat[i])) {
                    Object[] copy = flat.clone();
                    copy[i + 1] = entry;
                    return copy;
                }
            }
            if (flat.length / 2 < FLAT_MAX) {
                Object[] copy = Arrays.copyOf(flat, flat.length + 2);
                copy[flat.length] = event;
                copy[flat.length + 1] = entry;
                return copy;
            }
        }
        Map<String, Object> map = toMap(table);
        map.put(event, entry);
        return of(map);
    }

    private static Map<String, Object> toMap(Object table) {
        Map<String, Object> map = new HashMap<>();
        if (table instanceof Object[] flat) {
            for (int i = 0; i < flat.length; i += 2) {
                map.put((String) flat[i], flat[i + 1]);
            }
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) table;
            map.putAll(m);
        }
        return map;
    }

    private static Object of(Map<String, Object> map) {
        if (map.size() > FLAT_MAX) {
            return Map.copyOf(map);
        }
        Object[] flat = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            flat[i++] = e.getKey();
            flat[i++] = e.getValue();
        }
        return flat;
    }

    private static Object[] append(Object[] several, Object listener) {
        Object[] copy = Arrays.copyOf(several, several.length + 1);
        copy[several.length] = listener;
        return copy;
    }
}
