package io.hami.scheduler.extender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The candidates of a filter call, each once: what a {@code LinkedHashSet} of them gives, for any list. */
class CandidateNamesTest {

    @Test
    void keepsTheFirstOfEachRepeatedNameInOrder() {
        assertThat(CandidateNames.distinct(List.of("b", "a", "b", "c", "a"))).containsExactly("b", "a", "c");
    }

    @Test
    void aListReadWithSlotsIsTakenAsItCameOnlyWhenItKnowsNoRepeat() {
        var read = new NameList();
        read.track(4);
        read.addNode("b", 1);
        read.addNode("a", 2);
        read.addOther("c");
        assertThat(CandidateNames.distinct(read)).containsExactly("b", "a", "c");
        read.addNode("b", 1);
        assertThat(CandidateNames.distinct(read)).containsExactly("b", "a", "c");
    }

    @Test
    void returnsDistinctNamesAsTheyCame() {
        assertThat(CandidateNames.distinct(List.of("node-2", "node-1", "node-3")))
                .containsExactly("node-2", "node-1", "node-3");
        assertThat(CandidateNames.distinct(List.of())).isEmpty();
        assertThat(CandidateNames.distinct(List.of("only"))).containsExactly("only");
    }

    @Test
    void answersWhatALinkedHashSetGivesForRandomListsWithRepeatsAndCollidingHashes() {
        var random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            int size = random.nextInt(64);
            var names = new ArrayList<String>(size);
            for (int i = 0; i < size; i++) {
                // "Aa" and "BB" have the same hash code: colliding names must still be told apart.
                names.add(random.nextBoolean() ? "Aa" + random.nextInt(size + 1) : "BB" + random.nextInt(size + 1));
            }
            assertThat(CandidateNames.distinct(names)).as("%s", names)
                    .containsExactlyElementsOf(new LinkedHashSet<>(names));
        }
    }

    @Test
    void aReusedInstanceForgetsTheNamesOfItsPreviousCalls() {
        var names = new CandidateNames();
        assertThat(names.distinctNames(List.of("a", "b", "a"))).containsExactly("a", "b");
        assertThat(names.distinctNames(List.of("b", "c", "a"))).containsExactly("b", "c", "a");
        var random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            // Lengths up and down, so that a call may use a part of a table that a longer call filled.
            int size = random.nextInt(round % 7 == 0 ? 300 : 40);
            var list = new ArrayList<String>(size);
            for (int i = 0; i < size; i++) {
                list.add(random.nextBoolean() ? "Aa" + random.nextInt(size + 1) : "BB" + random.nextInt(size + 1));
            }
            assertThat(names.distinctNames(list)).as("%s", list).containsExactlyElementsOf(new LinkedHashSet<>(list));
        }
    }

    @Test
    void theAnswerIsReadOnly() {
        var names = new ArrayList<>(List.of("a", "b"));
        assertThatThrownBy(() -> CandidateNames.distinct(names).add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> CandidateNames.distinct(List.of("a", "a")).add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
