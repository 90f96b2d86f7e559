package io.hami.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One response: a status, header fields (the listener adds {@code Content-Length} and {@code Connection}) and a body.
 */
public record Response(int status, Map<String, String> headers, byte[] body) {

    public Response {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        headers.forEach((name, value) -> {
            if (name.isEmpty() || !safe(name) || !safe(value) || name.indexOf(':') >= 0 || name.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("header field not writable: " + name);
            }
        });
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    private static boolean safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** A body of the given type. */
    public static Response of(int status, String contentType, byte[] body) {
        return new Response(status, Map.of("Content-Type", contentType), body);
    }

    /** A UTF-8 text body. */
    public static Response text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON body. */
    public static Response json(int status, byte[] json) {
        return of(status, "application/json", json);
    }

    /** No body. */
    public static Response empty(int status) {
        return new Response(status, Map.of(), new byte[0]);
    }

    /** This response with one more header field. */
    public Response withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, copy, body);
    }
}
