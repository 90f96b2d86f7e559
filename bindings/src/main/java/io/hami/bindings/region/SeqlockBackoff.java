package io.hami.bindings.region;

import java.util.concurrent.locks.LockSupport;

/**
 * When to retry a slot whose 1.2 seqlock moved while it was copied, for one snapshot. Each slot gets at most
 * {@code attemptsPerSlot} retries: the first {@value #SPINS} right away (an update takes libvgpu nanoseconds), the
 * later ones after a pause that starts at 1 µs and doubles up to 1 ms, so that a writer that is merely busy gets
 * room to finish. The pauses of one snapshot share one budget: once it is spent, no slot is retried again, so a
 * container whose every slot keeps moving (or stays odd) delays a snapshot by at most the budget plus one
 * round of reads, however many slots it has. Not thread-safe: one per snapshot.
 */
final class SeqlockBackoff {
    /** Retries without a pause. */
    static final int SPINS = 4;
    /** The first pause, in nanoseconds. */
    static final long FIRST_PAUSE_NANOS = 1_000;
    /** The longest single pause, in nanoseconds. */
    static final long MAX_PAUSE_NANOS = 1_000_000;
    /** The pauses one snapshot may spend, in nanoseconds, unless a reader is given another budget. */
    static final long DEFAULT_BUDGET_NANOS = 10_000_000;

    /** Waits; {@link LockSupport#parkNanos(long)} outside tests. */
    @FunctionalInterface
    interface Pause {
        void pause(long nanos);
    }

    private final int attemptsPerSlot;
    private final Pause pause;
    private long budgetLeft;
    private boolean spent;

    SeqlockBackoff(int attemptsPerSlot, long budgetNanos, Pause pause) {
        this.attemptsPerSlot = attemptsPerSlot;
        this.budgetLeft = budgetNanos;
        this.pause = pause;
    }

    /**
     * Called before retry {@code attempt} (from 0) of one slot: waits as the schedule says and returns true, or
     * returns false at once when the slot has had its retries or the snapshot's budget is spent.
     */
    boolean beforeRetry(int attempt) {
        if (spent || attempt >= attemptsPerSlot) {
            return false;
        }
        if (attempt < SPINS) {
            Thread.onSpinWait();
            return true;
        }
        long nanos = Math.min(FIRST_PAUSE_NANOS << Math.min(attempt - SPINS, 20), MAX_PAUSE_NANOS);
        if (nanos > budgetLeft) {
            spent = true;
            return false;
        }
        budgetLeft -= nanos;
        pause.pause(nanos);
        return true;
    }
}
