package io.hami.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A client that writes exactly the bytes a test gives and reads responses by their {@code Content-Length}. */
final class RawClient implements AutoCloseable {

    record Reply(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        in = socket.getInputStream();
    }

    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** The next response, its body as sent (for a compressed one). */
    record Bytes(int status, Map<String, String> headers, byte[] body) {
    }

    /** The next response. */
    Reply reply() throws IOException {
        var r = bytes();
        return new Reply(r.status(), r.headers(), new String(r.body(), StandardCharsets.UTF_8));
    }

    /** The next response, its body left as bytes. */
    Bytes bytes() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before a response");
        }
        var headers = new LinkedHashMap<String, String>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Bytes(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    /** Whether the server closed the connection: reads until end of stream (or a reset), dropping what comes. */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drop
            }
            return true;
        } catch (SocketException e) {
            return true;
        }
    }

    private String line() throws IOException {
        var out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            out.write(b);
        }
        if (b < 0 && out.size() == 0) {
            return null;
        }
        String s = out.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
