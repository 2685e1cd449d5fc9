package io.socketeer.adminui;

/**
 * How much the server tells the admin UI, as the reference's {@code mode} option.
 */
public enum AdminUiMode {
    /**
     * Everything: the list of sockets on login, and each connection, disconnection, room change and event
     * (in and out) as it happens. Costs an admin message per event of every socket.
     */
    DEVELOPMENT,
    /** Only the periodic server statistics, with the aggregated connection counts; for busy servers. */
    PRODUCTION
}
