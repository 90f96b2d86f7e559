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
    void aListLongerThanAnyClustersCandidatesIsNotKept() {
        var list = new NameList();
        list.ensureCapacity(NameList.KEPT + 1);
        list.add("a");
        assertThat(list.keptAfterClear()).isFalse();
        assertThat(list).isEmpty();
    }
}
