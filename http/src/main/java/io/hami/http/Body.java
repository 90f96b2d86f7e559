package io.hami.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A request's body, read through the listener's limit: {@code Content-Length} or {@code chunked} framing (both at
 * once, or any other transfer coding, is refused), {@code Expect: 100-continue} honoured, memory taken from the
 * listener's budget before it is filled.
 *
 * @param bytes     the body in its first {@code length} bytes, at most the limit: an array of its own, or the
 *                  listener's buffer for a route that reads bodies in place
 * @param length    the body's length
 * @param truncated whether the body was longer (for routes that take truncated bodies)
 * @param complete  whether the whole body was consumed, so that the connection can carry another request
 */
record Body(byte[] bytes, int length, boolean truncated, boolean complete) {

    /** Takes bytes of the listener's body budget, waiting at most until the deadline. */
    @FunctionalInterface
    interface Budget {
        boolean acquire(int bytes, long deadline) throws InterruptedException;
    }

    /** Where a body of a known length is read: an array of at least {@code length} bytes. */
    @FunctionalInterface
    interface Buffers {
        byte[] take(int length);
    }

    private static final Body EMPTY = new Body(new byte[0], 0, false, true);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK_LINE = 1024;

    /**
     * Reads the body of {@code head}.
     *
     * @param route   the route it is for; {@code null} for none (the body is read and discarded like any other)
     * @param buffers where a body sent with {@code Content-Length} is read
     * @param start   when the request's first byte arrived (nanoTime)
     * @throws HttpProblem 400, 413, 417, 501 or 503
     */
    static Body read(RequestHead head, Route route, WireIn in, OutputStream out, HttpLimits limits, Budget budget,
                     Buffers buffers, long start) throws IOException, HttpProblem, InterruptedException {
        boolean takesTruncated = route != null && route.takesTruncated();
        int max = limits.maxBodyBytes();
        long deadline = start + limits.requestTimeout().toNanos();
        List<String> codings = head.headers().all("transfer-encoding");
        List<String> lengths = head.headers().all("content-length");
        if (!codings.isEmpty() && !lengths.isEmpty()) {
            throw new HttpProblem(400, "both Content-Length and Transfer-Encoding");
        }
        long length = codings.isEmpty() ? length(lengths) : -1;
        if (!codings.isEmpty() && !String.join(",", codings).strip().toLowerCase(Locale.ROOT).equals("chunked")) {
            throw new HttpProblem(501, "transfer coding other than chunked");
        }
        if (length > max && !takesTruncated) {
            throw tooLarge(max);
        }
        expectContinue(head, length, out);
        if (length == 0) {
            return EMPTY;
        }
        if (length > 0) {
            int keep = (int) Math.min(length, max);
            if (!budget.acquire(keep, deadline)) {
                throw busy();
            }
            byte[] bytes = buffers.take(keep);
            in.readFully(bytes, 0, keep);
            long rest = length - keep;
            boolean complete = rest == 0 || (rest <= drainable(max) && in.skip(rest) == rest);
            return new Body(bytes, keep, rest > 0, complete);
        }
        return chunked(in, max, takesTruncated, budget, deadline, limits.maxHeadBytes());
    }

    private static Body chunked(WireIn in, int max, boolean takesTruncated, Budget budget, long deadline,
                                int maxTrailer) throws IOException, HttpProblem, InterruptedException {
        byte[] bytes = new byte[0];
        int kept = 0;
        long dropped = 0;
        while (true) {
            long size = chunkSize(line(in, CHUNK_LINE, "chunk size line"));
            if (size == 0) {
                trailer(in, maxTrailer);
                return whole(bytes, kept, dropped > 0, true);
            }
            int keep = (int) Math.min(size, max - kept);
            if (keep < size && !takesTruncated) {
                throw tooLarge(max);
            }
            if (keep > 0) {
                if (!budget.acquire(keep, deadline)) {
                    throw busy();
                }
                if (bytes.length < kept + keep) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(kept + (long) keep, 2L * bytes.length)));
                }
                in.readFully(bytes, kept, keep);
                kept += keep;
            }
            long rest = size - keep;
            if (rest > 0) {
                dropped += rest;
                if (dropped > drainable(max) || in.skip(rest) != rest) {
                    return whole(bytes, kept, true, false);
                }
            }
            if (!line(in, 2, "chunk end").isEmpty()) {
                throw new HttpProblem(400, "chunk data longer than its size");
            }
        }
    }

    /** A chunked body in an array of its own length. */
    private static Body whole(byte[] bytes, int kept, boolean truncated, boolean complete) {
        return new Body(Arrays.copyOf(bytes, kept), kept, truncated, complete);
    }

    private static void trailer(WireIn in, int max) throws IOException, HttpProblem {
        int budget = max;
        while (true) {
            String line = line(in, budget, "trailer");
            budget -= in.lastLineBytes();
            if (line.isEmpty()) {
                return;
            }
        }
    }

    private static String line(WireIn in, int max, String what) throws IOException, HttpProblem {
        try {
            String line = in.line(max);
            if (line == null) {
                throw new java.io.EOFException("connection closed within a chunked body");
            }
            return line;
        } catch (WireIn.LineTooLong e) {
            throw new HttpProblem(400, what + " longer than " + max + " bytes");
        }
    }

    private static long chunkSize(String line) throws HttpProblem {
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new HttpProblem(400, "malformed chunk size");
        }
        return Long.parseLong(hex, 16);
    }

    /** The one length all {@code Content-Length} values agree on; 0 when none. */
    private static long length(List<String> values) throws HttpProblem {
        String agreed = null;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                String digits = part.strip();
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new HttpProblem(400, "malformed Content-Length");
                }
                if (agreed != null && !agreed.equals(digits)) {
                    throw new HttpProblem(400, "conflicting Content-Length values");
                }
                agreed = digits;
            }
        }
        return agreed == null ? 0 : Long.parseLong(agreed);
    }

    private static void expectContinue(RequestHead head, long length, OutputStream out)
            throws IOException, HttpProblem {
        var expect = head.headers().first("expect");
        if (expect.isEmpty()) {
            return;
        }
        if (!expect.get().equalsIgnoreCase("100-continue")) {
            throw new HttpProblem(417, "unsupported expectation");
        }
        if (head.http11() && length != 0) {
            out.write(CONTINUE);
            out.flush();
        }
    }

    /** How much of a body over the limit is read and dropped so the connection can go on: four limits' worth. */
    private static long drainable(int max) {
        return 4L * max;
    }

    private static HttpProblem tooLarge(int max) {
        return new HttpProblem(413, "request body larger than " + max + " bytes");
    }

    private static HttpProblem busy() {
        return new HttpProblem(503, "too many request bodies in memory; try again");
    }
}
