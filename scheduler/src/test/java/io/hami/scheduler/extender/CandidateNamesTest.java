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
    void theAnswerIsReadOnly() {
        var names = new ArrayList<>(List.of("a", "b"));
        assertThatThrownBy(() -> CandidateNames.distinct(names).add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> CandidateNames.distinct(List.of("a", "a")).add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
