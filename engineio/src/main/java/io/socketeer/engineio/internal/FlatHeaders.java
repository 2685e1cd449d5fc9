package io.socketeer.engineio.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The headers of a handshake as an immutable map from lower-case name to values, held in one array of
 * alternating names and values in the order they arrived. A session keeps its handshake for its whole life,
 * and a map of lists costs a table, an entry and a list per header; this costs one array. Lists are made
 * when asked for.
 */
public final class FlatHeaders extends AbstractMap<String, List<String>> {

    private final String[] pairs;

    /**
     * Creates the map.
     *
     * @param pairs names (lower case) and values alternating, in order of arrival; a name may repeat
     */
    public FlatHeaders(String[] pairs) {
        this.pairs = pairs;
    }

    @Override
    public List<String> get(Object key) {
        String first = null;
        List<String> more = null;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(key)) {
                if (first == null) {
                    first = pairs[i + 1];
                } else {
                    if (more == null) {
                        more = new ArrayList<>(4);
                        more.add(first);
                    }
                    more.add(pairs[i + 1]);
                }
            }
        }
        return more != null ? List.copyOf(more) : first != null ? List.of(first) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key, pairs.length) >= 0;
    }

    private int indexOf(Object key, int before) {
        for (int i = 0; i < before; i += 2) {
            if (pairs[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, List<String>>> entrySet() {
        return new Entries();
    }

    /** The distinct names in order of first appearance, each with all its values. */
    private final class Entries extends AbstractSet<Map.Entry<String, List<String>>> {

        @Override
        public Iterator<Map.Entry<String, List<String>>> iterator() {
            return new Iterator<>() {
                private int next = advance(0);

                private int advance(int from) {
                    int i = from;
                    while (i < pairs.length && indexOf(pairs[i], i) >= 0) {
                        i += 2; // a repeated name: its entry was given at its first appearance
                    }
                    return i;
                }

                @Override
                public boolean hasNext() {
                    return next < pairs.length;
                }

                @Override
                public Map.Entry<String, List<String>> next() {
                    if (next >= pairs.length) {
                        throw new NoSuchElementException();
                    }
                    String name = pairs[next];
                    next = advance(next + 2);
                    return new SimpleImmutableEntry<>(name, get(name));
                }
            };
        }

        @Override
        public int size() {
            int n = 0;
            for (int i = 0; i < pairs.length; i += 2) {
                if (indexOf(pairs[i], i) < 0) {
                    n++;
                }
            }
            return n;
        }
    }
}
