package io.hami.benchmarks;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 client of one keep-alive loopback connection, for a benchmark that measures a server in its own JVM:
 * it writes a request the caller prepared (head and body in one array) and reads the answer into a buffer it keeps.
 * kube-scheduler's client runs in another process, so the garbage of a general client (the JDK's copies the body into
 * buffers of its own and builds a response object per call) would be collected in the measured JVM without being the
 * server's. Reads answers that carry a {@code Content-Length} (what our listener writes); a {@code Connection: close}
 * answer, or a connection the server closed between calls, is followed by a new connection.
 */
final class LoopbackPoster implements AutoCloseable {

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];
    private byte[] answer = new byte[1024];
    private int answerLength;

    LoopbackPoster(int port) {
        this.port = port;
    }

    /** The head of a POST of {@code bodyLength} bytes of JSON to {@code path}, for the caller to put before the body. */
    static byte[] head(int port, String path, int bodyLength) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bodyLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends {@code request} (a head from {@link #head} and its body) and reads the answer.
     *
     * @return the answer's status code
     * @throws IOException when the server does not answer, or not with a {@code Content-Length}
     */
    int post(byte[] request) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (EOFException | java.net.SocketException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(request); // the server closed the kept connection between calls: once more, on a new one
        }
    }

    /** The last answer's body, decoded (for checks outside the measurement). */
    String answerText() {
        return new String(answer, 0, answerLength, StandardCharsets.UTF_8);
    }

    private int exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        int n = readLine();
        if (n < 12 || !startsWith(n, "HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 status line");
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        long length = -1;
        boolean close = false;
        for (n = readLine(); n > 0; n = readLine()) {
            if (startsWith(n, "content-length:")) {
                length = Long.parseLong(new String(line, 15, n - 15, StandardCharsets.US_ASCII).strip());
            } else if (startsWith(n, "connection:") && contains(n, "close")) {
                close = true;
            }
        }
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("an answer without a usable Content-Length");
        }
        if (answer.length < length) {
            answer = new byte[(int) length];
        }
        answerLength = (int) length;
        for (int read = 0; read < answerLength; ) {
            int r = in.read(answer, read, answerLength - read);
            if (r < 0) {
                throw new EOFException("the answer ended early");
            }
            read += r;
        }
        if (close) {
            close();
        }
        return status;
    }

    /** Reads one line into {@link #line} without its CRLF; its length. */
    private int readLine() throws IOException {
        int n = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed");
            }
            if (n == line.length) {
                throw new IOException("a head line longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
        return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
    }

    /** Whether the line starts with {@code prefix}, ignoring ASCII case. */
    private boolean startsWith(int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) line[i]) != Character.toLowerCase(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int n, String word) {
        return new String(line, 0, n, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT).contains(word);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a loopback socket: nothing to do about it
            }
            socket = null;
        }
    }
}
