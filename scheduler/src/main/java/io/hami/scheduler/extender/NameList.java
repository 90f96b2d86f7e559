package io.hami.scheduler.extender;

import io.hami.scheduler.snapshot.ClusterSnapshot;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The candidate node names of one filter call as its body lists them, in an array kept from call to call: at 5,000
 * candidates a list of its own was 20 KB, after the body the largest allocation of a {@code /filter} call
 * (docs/performance.md). The routes lend one list to each call and take it back, emptied, once the answer is written
 * ({@link ExtenderRoutes}); nothing may keep it beyond the call. One call at a time.
 *
 * <p>The reader adds each name with its slot in the snapshot's table of node names ({@link #addNode}), or as a name
 * the snapshot lacks ({@link #addOther}): the list then knows whether a name repeats ({@link #distinct}) from the slots,
 * and the filter need not hash 5,000 names again to find out ({@link CandidateNames}).
 */
final class NameList extends AbstractList<String> implements RandomAccess {

    /**
     * The largest array kept between calls (128 KB of references, 32,768 names): a longer list, which only a body far
     * beyond any cluster's candidates sends, is not kept.
     */
    static final int KEPT = 1 << 15;

    /** The most slots whose repeats are told by the slot (one slot per node of the snapshot). */
    static final int KEPT_SLOTS = 1 << 17;

    private String[] names = new String[0];
    /** Per name, its slot in the table of {@link #slotted}, or -1. */
    private int[] slots = new int[0];
    private int size;
    /** The snapshot whose table gave the slots of this call's names, or null. */
    private ClusterSnapshot slotted;
    /** Per slot, the number of the call that last added the node of that slot. */
    private int[] seen = new int[0];
    private int call;
    /** Names added through {@link #addOther} in this call, to tell their repeats; made when first needed. */
    private HashSet<String> others;
    /** Whether every name came through {@link #addNode} or {@link #addOther} and none repeated. */
    private boolean distinct = true;

    /** Makes room for {@code capacity} names without growing again. */
    void ensureCapacity(int capacity) {
        if (names.length < capacity) {
            names = Arrays.copyOf(names, capacity);
            slots = Arrays.copyOf(slots, capacity);
        }
    }

    /**
     * Starts a call whose node names come from the table of node names of {@code snapshot}
     * ({@link ClusterSnapshot#nodeSlot}); the names added after it must be added through {@link #addNode} and
     * {@link #addOther}. A table larger than {@link #KEPT_SLOTS} is not tracked: the list then does not know its names
     * {@link #distinct}, nor their slots.
     */
    void slotsOf(ClusterSnapshot snapshot) {
        if (track(snapshot.nodeSlots())) {
            slotted = snapshot;
        }
    }

    /** {@link #slotsOf} for a table of {@code count} slots without its snapshot; whether they are tracked. */
    boolean track(int count) {
        if (count > KEPT_SLOTS) {
            distinct = false;
            return false;
        }
        if (seen.length < count) {
            seen = new int[count];
            call = 0;
        }
        if (++call == Integer.MAX_VALUE) {
            Arrays.fill(seen, 0);
            call = 1;
        }
        return true;
    }

    /** Adds the name of the node in {@code slot} of the table {@link #slotsOf} announced. */
    void addNode(String name, int slot) {
        append(name, slot);
        if (distinct) {
            if (slot >= seen.length || seen[slot] == call) {
                distinct = false;
            } else {
                seen[slot] = call;
            }
        }
    }

    /** Adds a name the table has no slot for. */
    void addOther(String name) {
        append(name, -1);
        if (distinct) {
            if (others == null) {
                others = new HashSet<>();
            }
            distinct = others.add(name);
        }
    }

    /**
     * Whether the names are known to be all different: added through {@link #addNode} and {@link #addOther} after
     * {@link #slotsOf}, without a repeat.
     */
    boolean distinct() {
        return distinct;
    }

    /**
     * The snapshot whose table of node names gave the names' {@link #slots}, or null when they have none (the list was
     * not read that way, or does not know its names {@link #distinct}).
     */
    ClusterSnapshot slotted() {
        return distinct ? slotted : null;
    }

    /**
     * The slots of the names in the table of {@link #slotted} (-1 for a node it lacks), in their order, in the first
     * {@link #size} entries; the caller must not change them.
     */
    int[] slots() {
        return slots;
    }

    /** Adds a name; the list then no longer knows whether its names are {@link #distinct}, nor their slots. */
    @Override
    public boolean add(String name) {
        append(name, -1);
        distinct = false;
        return true;
    }

    private void append(String name, int slot) {
        Objects.requireNonNull(name, "name");
        if (size == names.length) {
            int grown = Math.max(10, size + (size >> 1));
            names = Arrays.copyOf(names, grown);
            slots = Arrays.copyOf(slots, grown);
        }
        slots[size] = slot;
        names[size++] = name;
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
        distinct = true;
        slotted = null;
        if (others != null) {
            others.clear();
        }
    }

    /** Whether the list, emptied, is small enough to be kept for the next call. */
    boolean keptAfterClear() {
        clear();
        return names.length <= KEPT;
    }
}
