package io.socketeer.spring.boot.internal;

import io.socketeer.msgpack.MsgpackParser;
import io.socketeer.socketio.parser.SocketIoParser;

/** Names the optional MessagePack module in a class of its own, loaded only when the module is present. */
final class MsgpackSupport {

    private MsgpackSupport() {
    }

    static SocketIoParser parser() {
        return MsgpackParser.create();
    }
}
