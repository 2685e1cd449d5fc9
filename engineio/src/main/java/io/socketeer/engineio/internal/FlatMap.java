package io.socketeer.engineio.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map of strings held in one array of alternating keys and values, in insertion order: the
 * query of a handshake, kept by its session for its whole life, in a tenth of a hash map's memory. Lookups
 * scan the array, which for the few keys of a query is as fast as hashing.
 */
public final class FlatMap extends AbstractMap<String, String> {

    private static final int RECENT_SLOTS = 256;
    /** Queries decoded lately, by request URI; direct-mapped and unsynchronised (a lost update costs a copy). */
    private static final Recent[] RECENT = new Recent[RECENT_SLOTS];

    private record Recent(String uri, FlatMap query) {
    }

    private final String[] pairs;

    /**
     * Returns the query of a request URI: the map of a recent request with the same URI if there was one (the
     * query is a function of the URI, and most clients of a server open their WebSocket with the same one),
     * else a new map of {@code decoded}, its strings made canonical.
     *
     * @param uri the request URI
     * @param decoded its decoded query parameters
     * @return the query
     */
    public static FlatMap ofUri(String uri, Map<String, String> decoded) {
        int slot = uri.hashCode() & (RECENT_SLOTS - 1);
        Recent recent = RECENT[slot];
        if (recent != null && recent.uri().equals(uri)) {
            return recent.query();
        }
        String[] pairs = new String[decoded.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> q : decoded.entrySet()) {
            pairs[i++] = CommonStrings.canonical(q.getKey());
            pairs[i++] = CommonStrings.canonical(q.getValue());
        }
        FlatMap query = new FlatMap(pairs);
        if (uri.length() <= 512) { // a long URI (a token in it) is rarely sent twice
            RECENT[slot] = new Recent(uri, query);
        }
        return query;
    }

    /**
     * Creates the map.
     *
     * @param pairs keys and values alternating, keys distinct
     */
    public FlatMap(String[] pairs) {
        this.pairs = pairs;
    }

    @Override
    public String get(Object key) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(key)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return pairs.length / 2;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < pairs.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= pairs.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> e = new SimpleImmutableEntry<>(pairs[next], pairs[next + 1]);
                        next += 2;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return pairs.length / 2;
            }
        };
    }
}
