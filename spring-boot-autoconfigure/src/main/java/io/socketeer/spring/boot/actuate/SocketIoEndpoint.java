package io.socketeer.spring.boot.actuate;

import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.SocketIoServer;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The {@code socketio} Actuator endpoint: the connected clients and, per namespace, its sockets and rooms on
 * this server (the private room each socket has of its own id is not counted).
 */
@Endpoint(id = "socketio")
public class SocketIoEndpoint {

    private final SocketIoServer io;

    /**
     * Creates the endpoint.
     *
     * @param io the server
     */
    public SocketIoEndpoint(SocketIoServer io) {
        this.io = io;
    }

    /**
     * Describes the server now.
     *
     * @return the description
     */
    @ReadOperation
    public ServerDescriptor socketIo() {
        List<NamespaceDescriptor> namespaces = io.namespaces().stream()
                .map(SocketIoEndpoint::describe)
                .sorted(Comparator.comparing(NamespaceDescriptor::name))
                .toList();
        return new ServerDescriptor(io.engine().sessionCount(), namespaces);
    }

    private static NamespaceDescriptor describe(Namespace nsp) {
        Set<String> socketIds = nsp.sockets().keySet();
        long rooms = nsp.adapter().rooms().keySet().stream().filter(r -> !socketIds.contains(r)).count();
        return new NamespaceDescriptor(nsp.name(), nsp.sockets().size(), (int) rooms);
    }

    /**
     * The server.
     *
     * @param clients open Engine.IO connections
     * @param namespaces the namespaces, by name
     */
    public record ServerDescriptor(int clients, List<NamespaceDescriptor> namespaces) {
    }

    /**
     * One namespace.
     *
     * @param name its name
     * @param sockets its sockets on this server
     * @param rooms its rooms on this server, besides each socket's own
     */
    public record NamespaceDescriptor(String name, int sockets, int rooms) {
    }
}
