package io.hami.model.annotation;

/**
 * Per-pod weights of the device score ({@code hami.io/device-scoring-weights}): how much slot use, core
 * use and memory use count when devices are ordered. The score multiplies each utilisation term by its
 * weight; pods without the annotation use {@link #DEFAULT}.
 *
 * @param slot   weight of time-slice slots in use, at least 0
 * @param core   weight of cores in use, at least 0
 * @param memory weight of memory in use, at least 0
 */
public record ScoringWeights(long slot, long core, long memory) {

    /** Every term counts once: {@code slot=1,core=1,memory=1}. */
    public static final ScoringWeights DEFAULT = new ScoringWeights(1, 1, 1);

    /** @throws IllegalArgumentException when a weight is negative or all are zero */
    public ScoringWeights {
        if (slot < 0 || core < 0 || memory < 0) {
            throw new IllegalArgumentException("weights must not be negative: slot=" + slot + ",core=" + core
                    + ",memory=" + memory);
        }
        if (slot == 0 && core == 0 && memory == 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }
}
