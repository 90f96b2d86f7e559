package io.hami.scheduler.extender;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The candidate node names of one filter call as its body lists them, in an array kept from call to call: at 5,000
 * candidates a list of its own was 20 KB, after the body the largest allocation of a {@code /filter} call
 * (docs/performance.md). The routes lend one list to each call and take it back, emptied, once the answer is written
 * ({@link ExtenderRoutes}); nothing may keep it beyond the call. One call at a time.
 */
final class NameList extends AbstractList<String> implements RandomAccess {

    /**
     * The largest array kept between calls (128 KB of references, 32,768 names): a longer list, which only a body far
     * beyond any cluster's candidates sends, is not kept.
     */
    static final int KEPT = 1 << 15;

    private String[] names = new String[0];
    private int size;

    /** Makes room for {@code capacity} names without growing again. */
    void ensureCapacity(int capacity) {
        if (names.length < capacity) {
            names = Arrays.copyOf(names, capacity);
        }
    }

    @Override
    public boolean add(String name) {
        Objects.requireNonNull(name, "name");
        if (size == names.length) {
            names = Arrays.copyOf(names, Math.max(10, size + (size >> 1)));
        }
        names[size++] = name;
        return true;
    }

    @Override
    public String get(int index) {
        Objects.checkIndex(index, size);
        return names[index];
    }

    @Override
    public int size() {
        return size;
    }

    /** Empties the list, dropping its references (so that it keeps no snapshot's names alive). */
    @Override
    public void clear() {
        Arrays.fill(names, 0, size, null);
        size = 0;
    }

    /** Whether the list, emptied, is small enough to be kept for the next call. */
    boolean keptAfterClear() {
        clear();
        return names.length <= KEPT;
    }
}
