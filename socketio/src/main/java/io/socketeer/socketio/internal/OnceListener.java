package io.socketeer.socketio.internal;

import io.socketeer.socketio.Ack;
import io.socketeer.socketio.AckEventListener;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.EventListener;

/**
 * A listener added with {@code once}: it takes itself out of its socket's table before it calls the
 * application's listener, so that it runs for one event only, and {@code off} finds it by the listener it wraps.
 */
abstract sealed class OnceListener {

    private final DefaultSocket socket;
    private final String event;
    private final Object original;
    private volatile boolean fired; // events of one socket are delivered serially; this guards against a snapshot

    private OnceListener(DefaultSocket socket, String event, Object original) {
        this.socket = socket;
        this.event = event;
        this.original = original;
    }

    /** @return the application's listener */
    final Object original() {
        return original;
    }

    /** @return true the first time only, having removed this listener from its socket */
    final boolean take() {
        socket.removeListener(event, this);
        if (fired) {
            return false;
        }
        fired = true;
        return true;
    }

    static OnceListener of(DefaultSocket socket, String event, EventListener listener) {
        return new OfEvent(socket, event, listener);
    }

    static OnceListener of(DefaultSocket socket, String event, AckEventListener listener) {
        return new OfAckEvent(socket, event, listener);
    }

    /** Wraps an {@link EventListener}. */
    static final class OfEvent extends OnceListener implements EventListener {

        private OfEvent(DefaultSocket socket, String event, EventListener listener) {
            super(socket, event, listener);
        }

        @Override
        public void onEvent(EventArgs args) {
            if (take()) {
                ((EventListener) original()).onEvent(args);
            }
        }
    }

    /** Wraps an {@link AckEventListener}. */
    static final class OfAckEvent extends OnceListener implements AckEventListener {

        private OfAckEvent(DefaultSocket socket, String event, AckEventListener listener) {
            super(socket, event, listener);
        }

        @Override
        public void onEvent(EventArgs args, Ack ack) {
            if (take()) {
                ((AckEventListener) original()).onEvent(args, ack);
            }
        }
    }
}
