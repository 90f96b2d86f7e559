package io.hami.scheduler.extender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NameListTest {

    @Test
    void growsBeyondItsCapacityAndKeepsTheOrder() {
        var list = new NameList();
        list.ensureCapacity(2);
        for (int i = 0; i < 25; i++) {
            list.add("n" + i);
        }
        assertThat(list).hasSize(25).startsWith("n0", "n1").endsWith("n24");
        assertThatThrownBy(() -> list.get(25)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void isEmptyAfterItIsTakenBackAndServesTheNextCallAsANewOne() {
        var list = new NameList();
        list.add("a");
        list.add("b");
        assertThat(list.keptAfterClear()).isTrue();
        assertThat(list).isEmpty();
        assertThatThrownBy(() -> list.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
        list.add("c");
        assertThat(list).containsExactly("c");
    }

    @Test
    void knowsItsNamesDistinctFromTheirSlotsAndOtherNames() {
        var list = new NameList();
        list.track(8);
        list.addNode("a", 3);
        list.addOther("x");
        list.addNode("b", 5);
        assertThat(list.distinct()).isTrue();
        list.addOther("y");
        assertThat(list.distinct()).isTrue();
        list.addNode("a", 3);
        assertThat(list.distinct()).as("a slot twice").isFalse();
        assertThat(list).containsExactly("a", "x", "b", "y", "a");

        list.keptAfterClear();
        list.track(8);
        list.addNode("a", 3);
        assertThat(list.distinct()).as("the slots of the previous call do not count").isTrue();
        list.addOther("x");
        list.addOther("x");
        assertThat(list.distinct()).as("another name twice").isFalse();
    }

    @Test
    void doesNotKnowItsNamesDistinctWhenTheyCameWithoutSlots() {
        var list = new NameList();
        list.add("a");
        assertThat(list.distinct()).isFalse();
        list.keptAfterClear();
        list.track(NameList.KEPT_SLOTS + 1);
        list.addNode("a", 0);
        assertThat(list.distinct()).as("a table too large to track").isFalse();
    }

    @Test
    void aListLongerThanAnyClustersCandidatesIsNotKept() {
        var list = new NameList();
        list.ensureCapacity(NameList.KEPT + 1);
        list.add("a");
        assertThat(list.keptAfterClear()).isFalse();
        assertThat(list).isEmpty();
    }
}
