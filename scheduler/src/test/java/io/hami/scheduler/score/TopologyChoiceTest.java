package io.hami.scheduler.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** device_test.go: generateCombinations, worst single card and best pair by pair scores. */
class TopologyChoiceTest {

    /** Symmetric scores of 4 GPUs: gpu0-gpu2 is the best link, gpu1 the worst linked. */
    private static final int[][] SCORES = {
        {0, 10, 100, 40},
        {10, 0, 20, 10},
        {100, 20, 0, 50},
        {40, 10, 50, 0},
    };

    @ParameterizedTest(name = "C(4,{0}) = {1}")
    @CsvSource({"1, 4", "2, 6", "3, 4", "4, 1"})
    void generateCombinations(int k, long expected) {
        assertThat(TopologyChoice.combinations(4, k)).isEqualTo(expected);
    }

    @Test
    void worstLinkedSingleCard() {
        assertThat(TopologyChoice.single(4, (a, b) -> SCORES[a][b])).isEqualTo(1);
    }

    @Test
    void bestPair() {
        assertThat(TopologyChoice.set(4, 2, (a, b) -> SCORES[a][b])).containsExactly(0, 2);
    }

    @Test
    void tiesGoToTheFirstCombination() {
        assertThat(TopologyChoice.set(4, 2, (a, b) -> 7)).containsExactly(0, 1);
        assertThat(TopologyChoice.single(3, (a, b) -> 7)).isZero();
    }

    @Test
    void takingAllIsTheWholeList() {
        assertThat(TopologyChoice.set(3, 3, (a, b) -> 0)).containsExactly(0, 1, 2);
    }

    @Test
    void hugeNodesFallBackToAGreedySetOfTheRightSize() {
        int[] set = TopologyChoice.set(64, 32, (a, b) -> (a % 2 == b % 2) ? 100 : 1);
        assertThat(set).hasSize(32).doesNotHaveDuplicates();
        for (int i : set) {
            assertThat(i % 2).isEqualTo(set[0] % 2);
        }
    }
}
