package io.socketeer.socketio.adapter;

/**
 * Creates the adapter of each namespace.
 */
@FunctionalInterface
public interface AdapterFactory {

    /**
     * Creates an adapter.
     *
     * @param namespace the namespace it serves
     * @return the adapter
     */
    Adapter create(AdapterNamespace namespace);
}
