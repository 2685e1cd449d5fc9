package io.socketeer.adminui.internal;

import java.util.List;

/**
 * The {@code server_stats} message, sent to the admin namespace every stats interval.
 *
 * @param serverId the server's name in the UI
 * @param hostname the host name
 * @param pid the process id
 * @param uptime seconds since the JVM started
 * @param clientsCount the open Engine.IO connections
 * @param pollingClientsCount those of them on HTTP long-polling
 * @param aggregatedEvents the counted events since the last statistics
 * @param namespaces every namespace with its number of sockets
 */
public record ServerStats(String serverId, String hostname, long pid, double uptime, int clientsCount,
                          int pollingClientsCount, List<AggregatedEvent> aggregatedEvents,
                          List<NamespaceDetails> namespaces) {

    /**
     * A namespace in {@link ServerStats}.
     *
     * @param name the name
     * @param socketsCount its sockets on this server
     */
    public record NamespaceDetails(String name, int socketsCount) {
    }
}
