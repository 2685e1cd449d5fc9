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
}
