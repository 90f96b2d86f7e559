package io.hami.http;

import java.util.Objects;
import java.util.Set;

/**
 * What a listener does for one path: the methods it answers (others get 405) and its handler.
 *
 * @param methods         the methods answered
 * @param handler         the handler, called on the connection's virtual thread
 * @param takesTruncated  whether a body over the listener's limit reaches the handler as its first bytes (with
 *                        {@link Request#truncated()}) instead of being answered 413: for protocols that must answer
 *                        every request in their own terms, such as an admission review's uid
 * @param readsInPlace    whether the handler reads the body in the listener's buffer ({@link Request#body()} holds it
 *                        in its first {@link Request#bodyLength()} bytes, and is reused once the handler returns)
 *                        instead of an array of its own: for routes that read large bodies often, whose copies would
 *                        be most of what a call allocates
 */
public record Route(Set<String> methods, Handler handler, boolean takesTruncated, boolean readsInPlace) {

    /** Answers one request; an unchecked exception becomes a 500 (logged), never a stack trace to the client. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws InterruptedException;
    }

    public Route {
        methods = Set.copyOf(methods);
        Objects.requireNonNull(handler, "handler");
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a route answers at least one method");
        }
    }

    /** {@code GET} only. */
    public static Route get(Handler handler) {
        return new Route(Set.of("GET"), handler, false, false);
    }

    /** {@code POST} only; bodies over the limit are answered 413. */
    public static Route post(Handler handler) {
        return new Route(Set.of("POST"), handler, false, false);
    }

    /** {@code POST} only; bodies over the limit reach the handler truncated. */
    public static Route postTakingTruncated(Handler handler) {
        return new Route(Set.of("POST"), handler, true, false);
    }

    /**
     * {@code POST} only; bodies over the limit reach the handler truncated, and the handler reads the body in the
     * listener's buffer: it must not keep {@link Request#body()} once it returns.
     */
    public static Route postInPlaceTakingTruncated(Handler handler) {
        return new Route(Set.of("POST"), handler, true, true);
    }
}
