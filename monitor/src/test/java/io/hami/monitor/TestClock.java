package io.hami.monitor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test moves it. */
public final class TestClock implements InstantSource {
    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    /** 2026-01-01T00:00:00Z, Unix 1767225600. */
    public static TestClock newYear2026() {
        return new TestClock(Instant.ofEpochSecond(1_767_225_600L));
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }
}
