package io.hami.model.annotation;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The node lock {@code hami.io/mutex.lock}: when it was taken and, except for legacy locks, by which pod.
 *
 * <p>The wire carries whole seconds (Go {@code time.RFC3339}), so {@code acquiredAt} is truncated to whole
 * seconds on construction; a lock read with a fraction ({@code 2025-10-20T03:07:02.5Z}, never written by
 * HAMi) therefore expires up to one second earlier than HAMi would judge it. The offset is kept as
 * written, since the scheduler writes its local time and both sides compare instants.
 *
 * @param acquiredAt when the lock was taken, at whole seconds, year 0000–9999, offset in whole minutes
 * @param owner      the pod holding the lock; empty for a legacy (timestamp-only) lock, which any pod may
 *                   release
 */
public record NodeLock(OffsetDateTime acquiredAt, Optional<PodRef> owner) {

    /** @throws IllegalArgumentException when {@code acquiredAt} cannot be written as Go RFC 3339 */
    public NodeLock {
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(owner, "owner");
        if (acquiredAt.getYear() < 0 || acquiredAt.getYear() > 9999) {
            throw new IllegalArgumentException("acquiredAt: year outside 0000-9999: " + acquiredAt);
        }
        if (acquiredAt.getOffset().getTotalSeconds() % 60 != 0) {
            throw new IllegalArgumentException("acquiredAt: offset with seconds cannot be written: " + acquiredAt);
        }
        acquiredAt = acquiredAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A lock taken by {@code owner} at {@code acquiredAt} (the scheduler's clock in its local zone). */
    public static NodeLock heldBy(OffsetDateTime acquiredAt, PodRef owner) {
        return new NodeLock(acquiredAt, Optional.of(owner));
    }

    /** A legacy lock: a timestamp without an owner. */
    public static NodeLock legacy(OffsetDateTime acquiredAt) {
        return new NodeLock(acquiredAt, Optional.empty());
    }

    /** True for a timestamp-only lock. */
    @JsonIgnore
    public boolean isLegacy() {
        return owner.isEmpty();
    }

    /** True when the lock names the pod {@code namespace/name} as owner; a legacy lock is owned by no pod. */
    public boolean ownedBy(String namespace, String name) {
        return owner.isPresent() && owner.get().is(namespace, name);
    }

    /**
     * True when more than {@code timeout} has passed since the lock was taken ({@code now - acquiredAt >
     * timeout}, as HAMi compares); a lock stamped in the future is never expired.
     */
    public boolean expired(Instant now, Duration timeout) {
        return Duration.between(acquiredAt.toInstant(), now).compareTo(timeout) > 0;
    }
}
