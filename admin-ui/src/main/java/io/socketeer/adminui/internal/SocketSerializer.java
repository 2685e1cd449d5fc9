package io.socketeer.adminui.internal;

import io.socketeer.socketio.RemoteSocket;
import io.socketeer.socketio.Socket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns sockets into {@link SerializedSocket}s.
 */
public final class SocketSerializer {

    /** How much of the Engine.IO id the UI sees, as the reference: enough to group, too little to reuse. */
    private static final int CLIENT_ID_LENGTH = 12;

    private SocketSerializer() {
    }

    /**
     * Serializes a socket of this server or, with a cluster adapter, of another one.
     *
     * @param socket the socket
     * @param nsp its namespace
     * @return the value sent to the UI
     */
    public static SerializedSocket serialize(RemoteSocket socket, String nsp) {
        String clientId = null;
        String transport = null;
        if (socket instanceof Socket local) {
            String connId = local.conn().id();
            clientId = connId.substring(0, Math.min(CLIENT_ID_LENGTH, connId.length()));
            transport = local.conn().transport().wireName();
        }
        io.socketeer.socketio.Handshake h = socket.handshake();
        Map<String, String> headers = new LinkedHashMap<>();
        h.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        String address = h.header("cf-connecting-ip");
        if (address == null) {
            address = h.header("x-forwarded-for");
        }
        if (address == null) {
            address = h.address();
        }
        SerializedSocket.Handshake handshake = new SerializedSocket.Handshake(address, headers, h.query(),
                h.issued(), h.secure(), h.time(), h.url(), h.xdomain());
        Object data = socket.data();
        List<String> rooms = new ArrayList<>(socket.rooms());
        return new SerializedSocket(socket.id(), clientId, transport, nsp, data == null ? Map.of() : data,
                handshake, rooms);
    }
}
