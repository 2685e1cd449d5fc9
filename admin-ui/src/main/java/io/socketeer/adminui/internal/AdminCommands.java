package io.socketeer.adminui.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.socketeer.socketio.Ack;
import io.socketeer.socketio.BroadcastOperator;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.Namespace;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The admin client's commands, as the UI sends them: {@code emit(nsp, filter, event, ...args)},
 * {@code join(nsp, room, filter)}, {@code leave(nsp, room, filter)} and {@code _disconnect(nsp, close,
 * filter)}, where the filter is a room (the UI uses a socket's own room) or nothing for the whole
 * namespace. In read-only mode each is refused. The UI asks for no acknowledgement; a client that does gets
 * {@code {ok: true}} once the command was carried out, or {@code {ok: false, error}}.
 */
public final class AdminCommands {

    private static final Logger log = LoggerFactory.getLogger(AdminCommands.class);

    /** The commands, as event names on the admin namespace. */
    public static final List<String> NAMES = List.of("emit", "join", "leave", "_disconnect");

    private final SocketIoServer io;
    private final boolean readonly;

    /**
     * Creates the handler.
     *
     * @param io the server
     * @param readonly whether to refuse every command
     */
    public AdminCommands(SocketIoServer io, boolean readonly) {
        this.io = io;
        this.readonly = readonly;
    }

    /**
     * Listens to the commands of an admin socket.
     *
     * @param admin the socket
     */
    public void register(Socket admin) {
        for (String name : NAMES) {
            admin.on(name, (args, ack) -> run(admin, name, args, ack));
        }
    }

    private void run(Socket admin, String command, EventArgs args, Ack ack) {
        if (readonly) {
            log.debug("admin {}: {} refused, read-only", admin.id(), command);
            answer(ack, false, "read-only");
            return;
        }
        String nsp = text(args, 0);
        Namespace namespace = nsp == null ? null : find(nsp);
        if (namespace == null) {
            answer(ack, false, "unknown namespace");
            return;
        }
        try {
            switch (command) {
                case "emit" -> {
                    String event = text(args, 2);
                    if (event == null) {
                        answer(ack, false, "no event name");
                        return;
                    }
                    List<JsonNode> all = args.asList();
                    Object[] rest = all.subList(Math.min(3, all.size()), all.size()).toArray();
                    target(namespace, text(args, 1)).emit(event, rest);
                }
                case "join", "leave" -> {
                    String room = text(args, 1);
                    if (room == null) {
                        answer(ack, false, "no room");
                        return;
                    }
                    BroadcastOperator target = target(namespace, text(args, 2));
                    if (command.equals("join")) {
                        target.socketsJoin(room);
                    } else {
                        target.socketsLeave(room);
                    }
                }
                default -> {
                    JsonNode close = args.get(1);
                    target(namespace, text(args, 2)).disconnectSockets(close != null && close.asBoolean(false));
                }
            }
        } catch (RuntimeException e) {
            log.warn("admin command {} failed", command, e);
            answer(ack, false, String.valueOf(e.getMessage()));
            return;
        }
        log.debug("admin {}: {} {}", admin.id(), command, args);
        answer(ack, true, null);
    }

    /** Finds an existing namespace: a command never creates one. */
    private Namespace find(String name) {
        for (Namespace n : io.namespaces()) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    private static BroadcastOperator target(Namespace namespace, String filter) {
        return filter == null || filter.isEmpty() ? namespace : namespace.in(filter);
    }

    private static String text(EventArgs args, int index) {
        JsonNode n = args.get(index);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static void answer(Ack ack, boolean ok, String error) {
        if (ack.requested()) {
            ack.send(new Result(ok, error));
        }
    }

    /**
     * The acknowledgement of a command.
     *
     * @param ok whether it was carried out
     * @param error why not, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(boolean ok, String error) {
    }
}
