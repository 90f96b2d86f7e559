package io.hami.scheduler.snapshot;

import java.util.Map;

/**
 * The keys of one {@link ShardedMap}'s key set, found by their characters without making a {@code String}: the
 * extender reads thousands of candidate node names per {@code /filter} call, and answering each with the map's own key
 * spares a {@code String} per name and lets the filter's lookups that follow compare by reference
 * (docs/performance.md). Each key has a slot, its place in {@code [0, slots())}, by which a version of the map answers
 * its value without hashing the key again ({@link ShardedMap#valueAt}). Immutable; open addressing with linear probing
 * over the slots, at most half full.
 */
final class KeyTable {

    /** The keys by slot. */
    private final String[] keys;
    /** The open-addressed index: 1 + the slot of the key there, or 0 where empty. */
    private final int[] index;
    private final int mask;

    KeyTable(Map<String, ?>[] shards) {
        int n = 0;
        for (Map<String, ?> shard : shards) {
            n += shard.size();
        }
        keys = new String[n];
        index = new int[Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1];
        mask = index.length - 1;
        int slot = 0;
        for (Map<String, ?> shard : shards) {
            for (String key : shard.keySet()) {
                int i = spread(key.hashCode()) & mask;
                while (index[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[slot] = key;
                index[i] = ++slot;
            }
        }
    }

    /** The key equal to {@code chars[offset, offset + length)}, or {@code null}. */
    String find(char[] chars, int offset, int length) {
        int slot = slot(chars, offset, length);
        return slot < 0 ? null : keys[slot];
    }

    /**
     * The slot of the key equal to {@code chars[offset, offset + length)}, in {@code [0, slots())}, or -1: each key
     * has its own, so a reader of many names can tell a repeat by its slot without hashing the name again.
     */
    int slot(char[] chars, int offset, int length) {
        int end = offset + length;
        int h = 0;
        for (int c = offset; c < end; c++) {
            h = 31 * h + chars[c]; // String.hashCode over the same characters
        }
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            int at = index[i];
            if (at == 0) {
                return -1;
            }
            String there = keys[at - 1];
            if (there.hashCode() == h && there.length() == length && sameCharacters(there, chars, offset)) {
                return at - 1;
            }
        }
    }

    /** The slot of {@code key}, or -1 when it is not a key of the table. */
    int slot(String key) {
        for (int i = spread(key.hashCode()) & mask; ; i = (i + 1) & mask) {
            int at = index[i];
            if (at == 0) {
                return -1;
            }
            String there = keys[at - 1];
            if (there == key || there.equals(key)) {
                return at - 1;
            }
        }
    }

    /** The key in {@code slot} (from {@link #slot}). */
    String key(int slot) {
        return keys[slot];
    }

    /** How many slots there are (one per key): every {@link #slot} is below it. */
    int slots() {
        return keys.length;
    }

    private static boolean sameCharacters(String key, char[] chars, int offset) {
        for (int c = 0; c < key.length(); c++) {
            if (key.charAt(c) != chars[offset + c]) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
