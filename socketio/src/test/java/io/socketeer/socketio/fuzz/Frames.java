package io.socketeer.socketio.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Client WebSocket frames for the fuzz harness: final, masked with a zero key (RFC 6455 §5.3 allows any
 * key; zero leaves the payload readable in a corpus).
 */
final class Frames {

    private Frames() {
    }

    /**
     * Splits an input into records at each {@code 0x1e}.
     *
     * @param input the input
     * @return at least one record
     */
    static List<byte[]> split(byte[] input) {
        List<byte[]> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == 0x1e) {
                records.add(Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }
        return records;
    }

    /**
     * @param payload UTF-8 (or not: the server must cope)
     * @return a text frame
     */
    static byte[] text(byte[] payload) {
        return frame(0x1, payload, 0, payload.length, null);
    }

    /**
     * @param record the record
     * @param from where the data starts in it
     * @param v3 whether to add the v3 message type byte
     * @return a binary frame
     */
    static byte[] binary(byte[] record, int from, boolean v3) {
        return frame(0x2, record, from, record.length - from, v3 ? (byte) 4 : null);
    }

    private static byte[] frame(int opcode, byte[] data, int from, int length, Byte prefix) {
        int n = length + (prefix == null ? 0 : 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 14);
        out.write(0x80 | opcode);
        if (n < 126) {
            out.write(0x80 | n);
        } else if (n < 65536) {
            out.write(0x80 | 126);
            out.write(n >>> 8);
            out.write(n & 0xFF);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift) & 0xFF);
            }
        }
        out.write(new byte[4], 0, 4); // the zero masking key
        if (prefix != null) {
            out.write(prefix);
        }
        out.write(data, from, length);
        return out.toByteArray();
    }
}
