package io.socketeer.engineio;

/**
 * The transports an Engine.IO session can use, named as in the {@code transport} query parameter.
 */
public enum Transport {
    /** HTTP long-polling (XHR, and JSONP for protocol v3). */
    POLLING("polling"),
    /** WebSocket (RFC 6455). */
    WEBSOCKET("websocket");

    private final String wireName;

    Transport(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the name used on the wire.
     *
     * @return {@code polling} or {@code websocket}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Finds a transport by its wire name.
     *
     * @param name the name, may be {@code null}
     * @return the transport, or {@code null} if none has that name
     */
    public static Transport fromWireName(String name) {
        if ("polling".equals(name)) {
            return POLLING;
        }
        if ("websocket".equals(name)) {
            return WEBSOCKET;
        }
        return null;
    }
}
