package io.socketeer.socketio.internal;

import io.socketeer.socketio.BroadcastOperator;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.RemoteSocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A broadcast operator that reaches "everything" of its owner (a namespace, or every child of a dynamic
 * namespace) by handing each call to the operator without rooms, flags or exclusions.
 */
abstract class DelegatingBroadcastOperator implements BroadcastOperator {

    /** @return the operator that reaches everything of this owner */
    protected abstract BroadcastOperator all();

    @Override
    public BroadcastOperator to(String... rooms) {
        return all().to(rooms);
    }

    @Override
    public BroadcastOperator except(String... rooms) {
        return all().except(rooms);
    }

    @Override
    public BroadcastOperator asVolatile() {
        return all().asVolatile();
    }

    @Override
    public BroadcastOperator local() {
        return all().local();
    }

    @Override
    public BroadcastOperator compress(boolean compress) {
        return all().compress(compress);
    }

    @Override
    public BroadcastOperator timeout(Duration timeout) {
        return all().timeout(timeout);
    }

    @Override
    public void emit(String event, Object... args) {
        all().emit(event, args);
    }

    @Override
    public CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args) {
        return all().emitWithAck(event, args);
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return all().fetchSockets();
    }

    @Override
    public void socketsJoin(String... rooms) {
        all().socketsJoin(rooms);
    }

    @Override
    public void socketsLeave(String... rooms) {
        all().socketsLeave(rooms);
    }

    @Override
    public void disconnectSockets(boolean close) {
        all().disconnectSockets(close);
    }
}
