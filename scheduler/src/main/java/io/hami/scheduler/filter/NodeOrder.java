package io.hami.scheduler.filter;

import io.hami.model.annotation.NodeSchedulerPolicy;

/**
 * How a node policy ranks fitting nodes (docs/scheduler.md, "Scores and policies"): {@code binpack} prefers the higher
 * score (the busier node), {@code spread} the lower. HAMi breaks ties between nodes at random (goroutine completion
 * order and an unstable sort); we break them by the candidate order kube-scheduler sent, so equal nodes give a
 * reproducible answer.
 */
final class NodeOrder {

    private NodeOrder() {
    }

    /** Negative when a node with score {@code a} is preferred over one with score {@code b}. */
    static int preference(NodeSchedulerPolicy policy, float a, float b) {
        return policy == NodeSchedulerPolicy.SPREAD ? Float.compare(a, b) : Float.compare(b, a);
    }

    /**
     * A key whose ascending order is the order of preference: the score's order bits in the upper half, the candidate
     * position in the lower half (earlier candidates first on ties).
     */
    static long rankKey(NodeSchedulerPolicy policy, float score, int candidate) {
        int bits = Float.floatToIntBits(score == 0f ? 0f : score);
        int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff;
        long ordered = policy == NodeSchedulerPolicy.SPREAD ? sortable : -(long) sortable;
        return (ordered << 32) | (candidate & 0xffffffffL);
    }

    /** The score a {@link #rankKey} was made from. */
    static float scoreOf(long key, NodeSchedulerPolicy policy) {
        long ordered = key >> 32;
        int sortable = (int) (policy == NodeSchedulerPolicy.SPREAD ? ordered : -ordered);
        return Float.intBitsToFloat(sortable >= 0 ? sortable : sortable ^ 0x7fffffff);
    }
}
