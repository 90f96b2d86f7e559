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

    /** The values, as an unmodifiable view in no particular order. */
    Collection<V> values();
}
