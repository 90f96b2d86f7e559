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

    /**
     * Arranges {@code keys[0, count)} as a binary min-heap, in linear time, for {@link #takeFirst}: the keys in
     * ascending order one at a time, for a caller that usually needs only the first few of thousands.
     */
    static void heapify(long[] keys, int count) {
        for (int i = (count >>> 1) - 1; i >= 0; i--) {
            siftDown(keys, i, keys[i], count);
        }
    }

    /**
     * Removes and returns the smallest key of the heap {@code keys[0, count)} ({@link #heapify}); the heap is then
     * {@code keys[0, count - 1)}.
     *
     * @param count the heap's size, at least 1
     */
    static long takeFirst(long[] keys, int count) {
        long first = keys[0];
        int last = count - 1;
        if (last > 0) {
            siftDown(keys, 0, keys[last], last);
        }
        return first;
    }

    /** Puts {@code key} at {@code at} of the heap {@code keys[0, count)}, or below it where a child is smaller. */
    private static void siftDown(long[] keys, int at, long key, int count) {
        int half = count >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            int right = child + 1;
            if (right < count && keys[right] < keys[child]) {
                child = right;
            }
            if (key <= keys[child]) {
                break;
            }
            keys[at] = keys[child];
            at = child;
        }
        keys[at] = key;
    }

    /** The score a {@link #rankKey} was made from. */
    static float scoreOf(long key, NodeSchedulerPolicy policy) {
        long ordered = key >> 32;
        int sortable = (int) (policy == NodeSchedulerPolicy.SPREAD ? ordered : -ordered);
        return Float.intBitsToFloat(sortable >= 0 ? sortable : sortable ^ 0x7fffffff);
    }
}
