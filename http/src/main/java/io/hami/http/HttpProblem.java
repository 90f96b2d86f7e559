package io.hami.http;

/**
 * A request the listener answers itself, with {@code status} and a one-line reason, and then closes the connection:
 * a malformed or oversized head, a body over the limit, an unsupported framing.
 */
final class HttpProblem extends Exception {

    private final int status;

    HttpProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
