package io.socketeer.socketio.hostile;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket that sends whatever a test asks, text or binary, of any size, and
 * reads the server's frames one by one, so a test sees exactly when the server closes.
 */
public final class RawClient implements AutoCloseable {

    /** A frame from the server. */
    public record Frame(int opcode, byte[] payload) {
        /** @return the payload as UTF-8 text */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }
    }

    /** What {@link #awaitClose()} saw: a close frame's code, or -1 for a connection ended without one. */
    public static final int NO_CLOSE_FRAME = -1;

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    /**
     * Connects as {@link #RawClient(int)} does, then joins the main namespace: sends a CONNECT and reads the
     * server's.
     *
     * @param port the server's port
     * @return the client, in the main namespace
     * @throws IOException if it fails or the CONNECT is refused
     */
    public static RawClient joined(int port) throws IOException {
        RawClient c = new RawClient(port);
        c.sendText("40");
        String reply = c.readText();
        if (!reply.startsWith("40{\"sid\":")) {
            c.close();
            throw new IOException("CONNECT refused: " + reply);
        }
        return c;
    }

    /**
     * Connects to 127.0.0.1 and completes the WebSocket handshake of a Socket.IO v5 session.
     *
     * @param port the server's port
     * @throws IOException if it fails
     */
    public RawClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String status = line();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
        while (!line().isEmpty()) {
            // headers
        }
        String open = readText();
        if (!open.startsWith("0{")) {
            throw new IOException("no open packet: " + open);
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    public void sendText(String text) throws IOException {
        send(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBinary(byte[] data) throws IOException {
        send(0x2, data);
    }

    /**
     * Sends text frames in one write, so that all of them are on their way before the server can answer any.
     *
     * @param texts the frames' texts
     * @throws IOException if the write fails
     */
    public void sendTextsAtOnce(java.util.List<String> texts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String t : texts) {
            all.write(frame(0x1, t.getBytes(StandardCharsets.UTF_8)));
        }
        out.write(all.toByteArray());
        out.flush();
    }

    private void send(int opcode, byte[] data) throws IOException {
        out.write(frame(opcode, data));
        out.flush();
    }

    private static byte[] frame(int opcode, byte[] data) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(data.length + 14);
        frame.write(0x80 | opcode);
        if (data.length < 126) {
            frame.write(0x80 | data.length);
        } else if (data.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(data.length >>> 8);
            frame.write(data.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) data.length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask, 0, 4);
        for (int i = 0; i < data.length; i++) {
            frame.write(data[i] ^ mask[i & 3]);
        }
        return frame.toByteArray();
    }

    /**
     * Reads the next frame.
     *
     * @return the frame
     * @throws IOException if the connection ended or nothing came within 10 s
     */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, payload);
    }

    /**
     * Reads the next frame, which must be a text frame.
     *
     * @return its text
     * @throws IOException if it is not
     */
    public String readText() throws IOException {
        Frame f = read();
        if (f.opcode() != 0x1) {
            throw new IOException("expected a text frame, got opcode " + f.opcode() + ": " + f.text());
        }
        return f.text();
    }

    /**
     * Reads frames until the server closes; fails if it has not within 10 s.
     *
     * @return the text frames read before the close (binary frames are skipped)
     * @throws IOException if the connection broke otherwise
     */
    public java.util.List<String> textsUntilClose() throws IOException {
        java.util.List<String> texts = new java.util.ArrayList<>();
        try {
            while (true) {
                Frame f = read();
                if (f.opcode() == 0x8) {
                    return texts;
                }
                if (f.opcode() == 0x1) {
                    texts.add(f.text());
                }
            }
        } catch (EOFException e) {
            return texts;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within 10 s", e);
        }
    }

    /**
     * Reads frames until the server closes; fails if it has not within 10 s.
     *
     * @return the close code, or {@link #NO_CLOSE_FRAME}
     * @throws IOException if the connection broke otherwise
     */
    public int awaitClose() throws IOException {
        try {
            while (true) {
                Frame f = read();
                if (f.opcode() == 0x8) {
                    return f.closeCode();
                }
            }
        } catch (EOFException e) {
            return NO_CLOSE_FRAME;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within 10 s", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
