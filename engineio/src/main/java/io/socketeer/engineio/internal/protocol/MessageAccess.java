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
     * Counts one more write of a message to a WebSocket connection.
     *
     * @param message the message
     * @return the writes so far, this one included (approximate when written from several threads at once)
     */
    public static int countWrite(EngineIoMessage message) {
        return get().countWriteOf(message);
    }

    /**
     * The frame a transport encoded once for a message written to many connections.
     *
     * @param message the message
     * @return the frame, or {@code null}
     */
    public static Object sharedFrame(EngineIoMessage message) {
        return get().sharedFrameOf(message);
    }

    /**
     * Keeps the frame encoded once for a message written to many connections.
     *
     * @param message the message
     * @param frame the frame
     */
    public static void sharedFrame(EngineIoMessage message, Object frame) {
        get().keepSharedFrame(message, frame);
    }

    /**
     * Counts a write of the message.
     *
     * @param message the message
     * @return the writes so far
     */
    protected abstract int countWriteOf(EngineIoMessage message);

    /**
     * Returns the shared frame.
     *
     * @param message the message
     * @return the frame, or {@code null}
     */
    protected abstract Object sharedFrameOf(EngineIoMessage message);

    /**
     * Sets the shared frame.
     *
     * @param message the message
     * @param frame the frame
     */
    protected abstract void keepSharedFrame(EngineIoMessage message, Object frame);

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
