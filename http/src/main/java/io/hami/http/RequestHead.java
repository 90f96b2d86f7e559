package io.hami.http;

import java.io.IOException;
import java.util.Locale;

/**
 * A request's line and header fields (RFC 9112), parsed within the listener's head limits. Only the origin form of
 * the target is taken ({@code /path?query}); obsolete line folding, bare field names and control characters in values
 * are refused, so that no two readers can frame a request differently.
 *
 * @param method  the method
 * @param path    the target's path
 * @param query   the target's query, empty when none
 * @param http11  whether the version is HTTP/1.1 (else HTTP/1.0)
 * @param headers the fields
 */
record RequestHead(String method, String path, String query, boolean http11, Headers headers) {

    /** At most this many empty lines before a request line are skipped (RFC 9112 §2.2). */
    private static final int LEADING_EMPTY_LINES = 4;

    /**
     * Parses one head.
     *
     * @return the head, or {@code null} when the connection ended before a request began
     * @throws HttpProblem 400, 414, 431 or 505, answered by the listener
     */
    static RequestHead read(WireIn in, int maxBytes, int maxFields) throws IOException, HttpProblem {
        int budget = maxBytes;
        String line;
        int empty = 0;
        try {
            do {
                line = in.line(budget);
                if (line == null) {
                    return null;
                }
                budget -= in.lastLineBytes();
            } while (line.isEmpty() && ++empty <= LEADING_EMPTY_LINES);
        } catch (WireIn.LineTooLong e) {
            throw new HttpProblem(414, "request line longer than " + maxBytes + " bytes");
        }
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw new HttpProblem(400, "malformed request line");
        }
        String method = line.substring(0, sp1);
        String target = line.substring(sp1 + 1, sp2);
        String version = line.substring(sp2 + 1);
        if (!isToken(method)) {
            throw new HttpProblem(400, "malformed method");
        }
        boolean http11;
        if (version.equals("HTTP/1.1")) {
            http11 = true;
        } else if (version.equals("HTTP/1.0")) {
            http11 = false;
        } else if (version.matches("HTTP/[0-9]\\.[0-9]")) {
            throw new HttpProblem(505, "HTTP version " + version.substring(5) + " is not supported");
        } else {
            throw new HttpProblem(400, "malformed HTTP version");
        }
        if (!target.startsWith("/") || !printable(target)) {
            throw new HttpProblem(400, "request target must be a path");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        return new RequestHead(method, path, query, http11, fields(in, budget, maxBytes, maxFields));
    }

    private static Headers fields(WireIn in, int budget, int maxBytes, int maxFields)
            throws IOException, HttpProblem {
        var headers = new Headers.Builder();
        while (true) {
            String line;
            try {
                line = in.line(budget);
            } catch (WireIn.LineTooLong e) {
                throw new HttpProblem(431, "request head longer than " + maxBytes + " bytes");
            }
            if (line == null) {
                throw new java.io.EOFException("connection closed within a request head");
            }
            budget -= in.lastLineBytes();
            if (line.isEmpty()) {
                return headers.build();
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new HttpProblem(400, "obsolete line folding in a header field");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new HttpProblem(400, "malformed header field");
            }
            String value = line.substring(colon + 1).strip();
            if (!fieldValue(value)) {
                throw new HttpProblem(400, "control character in header field " + line.substring(0, colon));
            }
            if (headers.count() == maxFields) {
                throw new HttpProblem(431, "more than " + maxFields + " header fields");
            }
            headers.add(line.substring(0, colon), value);
        }
    }

    /** Whether a field's comma-separated values contain {@code token} (any case). */
    boolean hasToken(String field, String token) {
        for (String value : headers.all(field)) {
            for (String part : value.split(",")) {
                if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean fieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
