package io.socketeer.engineio.internal.protocol;

import io.socketeer.engineio.EngineIoMessage;

/**
 * Gives the protocol code access to the encoded bytes of an {@link EngineIoMessage} without exposing them
 * in the public API (the pattern of the JDK's shared secrets). The only implementation is installed by
 * {@code EngineIoMessage}'s static initializer.
 */
public abstract class MessageAccess {

    private static volatile MessageAccess instance;

    /**
     * Installs the accessor; called once by {@link EngineIoMessage}.
     *
     * @param access the accessor
     */
    public static void install(MessageAccess access) {
        if (instance != null) {
            throw new IllegalStateException("already installed");
        }
        instance = access;
    }

    private static MessageAccess get() {
        MessageAccess access = instance;
        if (access == null) {
            // Loading the class runs its static initializer, which installs the accessor.
            try {
                Class.forName(EngineIoMessage.class.getName(), true, EngineIoMessage.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = instance;
        }
        return access;
    }

    /**
     * The encoded bytes of a message: for text the UTF-8 packet with its type digit, for binary the data.
     * The array is shared and must never be modified.
     *
     * @param message the message
     * @return its bytes
     */
    public static byte[] bytesOf(EngineIoMessage message) {
        return get().bytes(message);
    }

    /**
     * Wraps encoded bytes without copying; the caller hands the array over.
     *
     * @param binary whether the bytes are binary data
     * @param bytes the encoded packet (text: type digit then UTF-8 data)
     * @return the message
     */
    public static EngineIoMessage wrap(boolean binary, byte[] bytes) {
        return get().create(binary, bytes);
    }

    /**
     * Returns the accessor's view of the message bytes.
     *
     * @param message the message
     * @return its bytes
     */
    protected abstract byte[] bytes(EngineIoMessage message);

    /**
     * Creates a message around encoded bytes.
     *
     * @param binary whether the bytes are binary data
     * @param bytes the bytes
     * @return the message
     */
    protected abstract EngineIoMessage create(boolean binary, byte[] bytes);
}
