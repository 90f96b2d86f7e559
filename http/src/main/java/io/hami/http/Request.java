package io.hami.http;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One request as a route receives it.
 *
 * @param method    the method, as sent ({@code GET}, {@code POST}, …)
 * @param path      the path of the request target, undecoded
 * @param query     the query after {@code ?}, undecoded; empty when none
 * @param headers   the header fields
 * @param body      the body, at most the listener's {@link HttpLimits#maxBodyBytes}; for a route that reads bodies in
 *                  place ({@link Route#readsInPlace()}) the listener's buffer, whose first {@code bodyLength} bytes
 *                  are the body and which serves other requests once the route returns
 * @param bodyLength the body's length: {@code body.length}, except for a route that reads bodies in place
 * @param truncated whether the body was longer and {@code body} holds its first bytes (only for routes that take
 *                  truncated bodies; the others answer 413 without being called)
 * @param remote    the client's address
 */
public record Request(String method, String path, String query, Headers headers, byte[] body, int bodyLength,
                      boolean truncated, InetSocketAddress remote) {
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.checkFromIndexSize(0, bodyLength, body.length);
    }
}
