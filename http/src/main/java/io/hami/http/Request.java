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
 * @param body      the body, at most the listener's {@link HttpLimits#maxBodyBytes}
 * @param truncated whether the body was longer and {@code body} holds its first bytes (only for routes that take
 *                  truncated bodies; the others answer 413 without being called)
 * @param remote    the client's address
 */
public record Request(String method, String path, String query, Headers headers, byte[] body, boolean truncated,
                      InetSocketAddress remote) {
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }
}
