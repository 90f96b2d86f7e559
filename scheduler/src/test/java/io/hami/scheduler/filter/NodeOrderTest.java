package io.hami.scheduler.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.NodeSchedulerPolicy;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** node_policy_test.go: spread prefers the lower score, binpack the higher; ties keep candidate order. */
class NodeOrderTest {

    @ParameterizedTest(name = "{0}: {1} vs {2} preferred = {3}")
    @CsvSource({"spread, 1, 2, true", "spread, 2, 1, false", "binpack, 2, 1, true", "binpack, 1, 2, false"})
    void less(String policy, float a, float b, boolean aPreferred) {
        var p = NodeSchedulerPolicy.fromWireName(policy).orElseThrow();
        assertThat(NodeOrder.preference(p, a, b) < 0).isEqualTo(aPreferred);
    }

    @Test
    void rankKeysSortByPreferenceThenCandidate() {
        float[] scores = {3f, 8f, 0f, 8f, -600000f, 600000f, 0.5f};
        for (var policy : NodeSchedulerPolicy.values()) {
            long[] keys = new long[scores.length];
            for (int i = 0; i < scores.length; i++) {
                keys[i] = NodeOrder.rankKey(policy, scores[i], i);
            }
            Arrays.sort(keys);
            int[] order = Arrays.stream(keys).mapToInt(k -> (int) k).toArray();
            for (int i = 0; i < scores.length; i++) {
                assertThat(NodeOrder.scoreOf(NodeOrder.rankKey(policy, scores[i], i), policy)).isEqualTo(scores[i]);
            }
            if (policy == NodeSchedulerPolicy.BINPACK) {
                assertThat(order).containsExactly(5, 1, 3, 0, 6, 2, 4);
            } else {
                assertThat(order).containsExactly(4, 2, 6, 0, 1, 3, 5);
            }
        }
    }

    @Test
    void theHeapYieldsTheKeysInSortedOrder() {
        var random = new Random(7);
        for (int count : new int[] {1, 2, 3, 7, 64, 1000, 5001}) {
            long[] keys = new long[count + 3]; // longer than the heap: the tail is not the heap's
            for (int i = 0; i < count; i++) {
                keys[i] = NodeOrder.rankKey(NodeSchedulerPolicy.BINPACK, random.nextInt(20) / 4f, i);
            }
            keys[count] = Long.MIN_VALUE;
            long[] sorted = Arrays.copyOf(keys, count);
            Arrays.sort(sorted);
            NodeOrder.heapify(keys, count);
            long[] taken = new long[count];
            for (int i = 0; i < count; i++) {
                taken[i] = NodeOrder.takeFirst(keys, count - i);
            }
            assertThat(taken).containsExactly(sorted);
        }
    }
}
