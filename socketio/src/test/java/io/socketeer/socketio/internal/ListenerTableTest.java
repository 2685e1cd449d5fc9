package io.socketeer.socketio.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A socket's listener table, flat for a few events, a map beyond, the same to look up either way. */
class ListenerTableTest {

    @Test
    void severalListenersOfAnEventKeepTheirOrder() {
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        Object t = ListenerTable.with(ListenerTable.EMPTY, "chat", a);
        assertSame(a, ListenerTable.get(t, "chat"));
        t = ListenerTable.with(t, "chat", b);
        t = ListenerTable.with(t, "chat", c);
        assertArrayEquals(new Object[] {a, b, c}, (Object[]) ListenerTable.get(t, "chat"));
        assertNull(ListenerTable.get(t, "other"));
        t = ListenerTable.without(t, "chat");
        assertNull(ListenerTable.get(t, "chat"));
    }

    @Test
    void manyEventsMoveToAMapAndBackWithoutLosingOne() {
        Object t = ListenerTable.EMPTY;
        Object[] ls = new Object[20];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = new Object();
            t = ListenerTable.with(t, "e" + i, ls[i]);
        }
        assertInstanceOf(Map.class, t);
        for (int i = 0; i < ls.length; i++) {
            assertSame(ls[i], ListenerTable.get(t, "e" + i));
        }
        for (int i = 0; i < 15; i++) {
            t = ListenerTable.without(t, "e" + i);
        }
        assertInstanceOf(Object[].class, t, "five events are a flat table again");
        for (int i = 0; i < ls.length; i++) {
            if (i < 15) {
                assertNull(ListenerTable.get(t, "e" + i));
            } else {
                assertSame(ls[i], ListenerTable.get(t, "e" + i));
            }
        }
    }

    @Test
    void removingAnUnknownEventKeepsTheSameTable() {
        Object t = ListenerTable.with(ListenerTable.EMPTY, "a", new Object());
        assertSame(t, ListenerTable.without(t, "b"));
    }

    @Test
    void removingOneListenerTakesTheLastThatMatchesAndKeepsTheOthersInOrder() {
        Object a = new Object();
        Object b = new Object();
        Object t = ListenerTable.with(ListenerTable.EMPTY, "chat", a);
        t = ListenerTable.with(t, "chat", b);
        t = ListenerTable.with(t, "chat", a);
        t = ListenerTable.with(t, "other", b);
        Object fewer = ListenerTable.without(t, "chat", l -> l == a);
        assertArrayEquals(new Object[] {a, b}, (Object[]) ListenerTable.get(fewer, "chat"));
        Object two = ListenerTable.without(fewer, "chat", l -> l == a);
        assertSame(b, ListenerTable.get(two, "chat"), "one left is a listener, not an array");
        Object none = ListenerTable.without(two, "chat", l -> l == b);
        assertNull(ListenerTable.get(none, "chat"));
        assertSame(b, ListenerTable.get(none, "other"));
        assertSame(none, ListenerTable.without(none, "chat", l -> true));
        assertSame(two, ListenerTable.without(two, "chat", l -> l == a), "not there: the same table");
    }
}
