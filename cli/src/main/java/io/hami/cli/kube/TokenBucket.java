package io.hami.cli.kube;

import java.util.function.LongSupplier;

/**
 * client-go's token bucket: it holds up to {@code burst} tokens, starts full and gains {@code qps} tokens a second;
 * a request takes one token, waiting for it when none is left. Waits are reserved in arrival order, so callers that
 * wait are served first come, first served. Thread-safe.
 */
final class TokenBucket {

    private static final double NANOS = 1e9;

    private final double perToken;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    /**
     * @param limit    a limited rate
     * @param nanoTime a monotonic clock, {@link System#nanoTime()} outside tests
     */
    TokenBucket(ApiRateLimit limit, LongSupplier nanoTime) {
        if (!limit.limited()) {
            throw new IllegalArgumentException("an unlimited rate needs no bucket");
        }
        this.perToken = NANOS / limit.qps();
        this.capacity = limit.burst();
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    /** Takes a token; returns how many nanoseconds the caller must wait before it may send (0: at once). */
    synchronized long take() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) / perToken);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * perToken);
    }
}
