package io.hami.scheduler.snapshot;

import java.util.Collection;

/**
 * What a {@link ClusterSnapshot} reads of its node and pod maps: a frozen {@link ShardedMap}, or the live
 * {@link ShardedMap.Builder} behind a {@link SnapshotBuilder#view()}.
 */
interface Lookup<V> {

    V get(String key);

    boolean containsKey(String key);

    /** The key equal to {@code chars[offset, offset + length)}, or {@code null} when there is none or it is not known. */
    String keyOrNull(char[] chars, int offset, int length);

    /**
     * The slot of the key equal to {@code chars[offset, offset + length)} in {@code [0, keySlots())}, distinct for
     * distinct keys, or -1 when there is none or it is not known; {@link #keyAt} gives the key.
     */
    int keySlot(char[] chars, int offset, int length);

    /** The key in a slot {@link #keySlot} gave. */
    String keyAt(int slot);

    /** The number of slots: every slot {@link #keySlot} gives is below it (0 when it gives none). */
    int keySlots();

    /** Whether the keys of {@code other} are these, in the same slots (false where there are no slots). */
    boolean sameSlots(Lookup<?> other);

    /** The value of the key in a slot {@link #keySlot} gave. */
    V valueAt(int slot);

    /** The values, as an unmodifiable view in no particular order. */
    Collection<V> values();
}
