package io.hami.scheduler.snapshot;

import java.util.Map;

/**
 * The keys of one {@link ShardedMap}'s key set, found by their characters without making a {@code String}: the
 * extender reads thousands of candidate node names per {@code /filter} call, and answering each with the map's own key
 * spares a {@code String} per name and lets the filter's lookups that follow compare by reference
 * (docs/performance.md). Immutable; open addressing with linear probing, at most half full.
 */
final class KeyTable {

    private final String[] slots;
    private final int mask;

    KeyTable(Map<String, ?>[] shards) {
        int n = 0;
        for (Map<String, ?> shard : shards) {
            n += shard.size();
        }
        slots = new String[Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1];
        mask = slots.length - 1;
        for (Map<String, ?> shard : shards) {
            for (String key : shard.keySet()) {
                int i = spread(key.hashCode()) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = key;
            }
        }
    }

    /** The key equal to {@code chars[offset, offset + length)}, or {@code null}. */
    String find(char[] chars, int offset, int length) {
        int slot = slot(chars, offset, length);
        return slot < 0 ? null : slots[slot];
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
            String there = slots[i];
            if (there == null) {
                return -1;
            }
            if (there.hashCode() == h && there.length() == length && sameCharacters(there, chars, offset)) {
                return i;
            }
        }
    }

    /** The key in {@code slot} (from {@link #slot}). */
    String key(int slot) {
        return slots[slot];
    }

    /** How many slots there are: every {@link #slot} is below it. */
    int slots() {
        return slots.length;
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
