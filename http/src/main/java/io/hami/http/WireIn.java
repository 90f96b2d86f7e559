package io.hami.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A connection's input with its own buffer (no locks), read by one thread: lines within a budget, and bytes. */
final class WireIn {

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int end;
    private int lastLineBytes;

    WireIn(InputStream in) {
        this.in = in;
    }

    /** Waits for at least one byte without consuming it; false at end of stream. */
    boolean await() throws IOException {
        return pos < end || fill();
    }

    /** Whether bytes of a next request already arrived (pipelining). */
    boolean buffered() {
        return pos < end;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    int read() throws IOException {
        if (pos == end && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /** Reads exactly {@code len} bytes. */
    void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n;
            if (pos < end) {
                n = Math.min(len, end - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
            } else {
                n = in.read(b, off, len);
                if (n <= 0) {
                    throw new EOFException("connection closed within a body");
                }
            }
            off += n;
            len -= n;
        }
    }

    /** Skips up to {@code n} bytes; the number skipped, less than {@code n} only at end of stream. */
    long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            if (pos == end && !fill()) {
                break;
            }
            int k = (int) Math.min(n - skipped, end - pos);
            pos += k;
            skipped += k;
        }
        return skipped;
    }

    /**
     * Reads one line ending in LF (a CR before it dropped) as ISO-8859-1 text.
     *
     * @param max at most this many bytes, line end included
     * @return the line, or {@code null} at end of stream before its first byte
     * @throws LineTooLong when the line does not end within {@code max} bytes
     */
    String line(int max) throws IOException, LineTooLong {
        byte[] line = new byte[Math.min(max, 256)];
        int n = 0;
        while (true) {
            int b = read();
            if (b < 0) {
                if (n == 0) {
                    return null;
                }
                throw new EOFException("connection closed within a line");
            }
            if (n + 1 > max) {
                throw new LineTooLong();
            }
            if (b == '\n') {
                int len = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                lastLineBytes = n + 1;
                return new String(line, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (n == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(max, line.length * 2));
            }
            line[n++] = (byte) b;
        }
    }

    /** The bytes the last {@link #line} call consumed, line end included. */
    int lastLineBytes() {
        return lastLineBytes;
    }

    /** A line longer than its budget. */
    static final class LineTooLong extends Exception {
        LineTooLong() {
            super(null, null, false, false);
        }
    }
}
