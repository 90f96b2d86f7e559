package io.hami.scheduler.snapshot;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntSupplier;

/**
 * An immutable map from names to values, split into {@value #SHARDS} shards by key hash so that a new version that
 * changes a few keys copies only their shards: publishing a snapshot after one reservation on a 5,000-node cluster
 * copies about 2 × 80 entries instead of 5,000 nodes and every pod. {@link Builder} is the mutable side.
 */
final class ShardedMap<V> implements Lookup<V> {

    static final int SHARDS = 64;
    private static final int SHARD_BITS = Integer.numberOfTrailingZeros(SHARDS);
    /** The slots of one chunk of the values by slot ({@link #valueAt}). */
    static final int CHUNK = 128;
    private static final int CHUNK_BITS = Integer.numberOfTrailingZeros(CHUNK);

    private final Map<String, V>[] shards;
    private final int size;
    private final Keys keys;
    /** The values by their keys' slots in chunks ({@link #valueAt}), made on first use. */
    private volatile Object[][] bySlot;

    private ShardedMap(Map<String, V>[] shards, Keys keys) {
        this.shards = shards;
        this.keys = keys;
        int n = 0;
        for (Map<String, V> s : shards) {
            n += s.size();
        }
        this.size = n;
    }

    @SuppressWarnings("unchecked")
    static <V> ShardedMap<V> empty() {
        Map<String, V>[] shards = new Map[SHARDS];
        java.util.Arrays.fill(shards, Map.of());
        return new ShardedMap<>(shards, new Keys());
    }

    /**
     * The shard of a key, from the top bits of its hash times the golden ratio: each shard is a HashMap, which picks
     * a bucket from the low bits of {@code h ^ (h >>> 16)}, so taking the shard from those too would put every key of a
     * shard into one bucket of it.
     */
    static int shard(String key) {
        return (key.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS);
    }

    @Override
    public V get(String key) {
        return shards[shard(key)].get(key);
    }

    @Override
    public boolean containsKey(String key) {
        return shards[shard(key)].containsKey(key);
    }

    /**
     * The key equal to the characters, built on first use and shared by the versions with the same keys (the set of
     * nodes changes far less often than their usage).
     */
    @Override
    public String keyOrNull(char[] chars, int offset, int length) {
        return keys.table(shards).find(chars, offset, length);
    }

    @Override
    public int keySlot(char[] chars, int offset, int length) {
        return keys.table(shards).slot(chars, offset, length);
    }

    @Override
    public String keyAt(int slot) {
        return keys.table(shards).key(slot);
    }

    @Override
    public int keySlots() {
        return keys.table(shards).slots();
    }

    @Override
    public boolean sameSlots(Lookup<?> other) {
        return other instanceof ShardedMap<?> map && map.keys == keys;
    }

    /**
     * The value of the key in {@code slot}: two array accesses, where {@link #get} hashes the key and probes a shard
     * (the filter looks up thousands of candidates per call). The first call on a version makes its arrays: the
     * values by slot in chunks of {@value #CHUNK}, shared with the last version made over the same keys except the
     * chunks where a value differs (a reservation changes one node: one chunk of 512 bytes is copied, not an array of
     * every node), or, for the first version of a key set, every value.
     */
    @Override
    @SuppressWarnings("unchecked")
    public V valueAt(int slot) {
        Object[][] values = bySlot;
        if (values == null) {
            values = valuesBySlot();
            bySlot = values;
        }
        return (V) values[slot >>> CHUNK_BITS][slot & (CHUNK - 1)];
    }

    private Object[][] valuesBySlot() {
        KeyTable table = keys.table(shards);
        Keys.Built last = keys.built;
        Object[][] values;
        if (last == null) {
            values = new Object[(table.slots() + CHUNK - 1) >>> CHUNK_BITS][];
            for (int c = 0; c < values.length; c++) {
                values[c] = new Object[CHUNK];
            }
            for (Map<String, V> shard : shards) {
                put(table, shard, values, null);
            }
        } else {
            values = last.values().clone();
            for (int i = 0; i < SHARDS; i++) {
                if (shards[i] != last.shards()[i]) {
                    put(table, shards[i], values, last.values());
                }
            }
        }
        keys.built = new Keys.Built(shards, values);
        return values;
    }

    /**
     * Puts the shard's values into their slots; a chunk still shared with {@code shared} (the last version's) is copied
     * before its first changed value.
     */
    private static void put(KeyTable table, Map<String, ?> shard, Object[][] values, Object[][] shared) {
        for (Map.Entry<String, ?> e : shard.entrySet()) {
            int slot = table.slot(e.getKey());
            int c = slot >>> CHUNK_BITS;
            Object[] chunk = values[c];
            if (chunk[slot & (CHUNK - 1)] != e.getValue()) {
                if (shared != null && chunk == shared[c]) {
                    chunk = chunk.clone();
                    values[c] = chunk;
                }
                chunk[slot & (CHUNK - 1)] = e.getValue();
            }
        }
    }

    int size() {
        return size;
    }

    /**
     * The {@link KeyTable} of one key set, built by the first caller (a racing second builds an equal one), and the
     * values by slot of the version made last over it ({@link #valueAt}).
     */
    private static final class Keys {
        private volatile KeyTable table;
        private volatile Built built;

        /** A version's shards and its values by slot (only the values of the same keys, so their slots). */
        record Built(Map<String, ?>[] shards, Object[][] values) {
        }

        KeyTable table(Map<String, ?>[] shards) {
            KeyTable t = table;
            if (t == null) {
                t = new KeyTable(shards);
                table = t;
            }
            return t;
        }
    }

    @Override
    public Collection<V> values() {
        return values(shards, () -> size);
    }

    private static <V> Collection<V> values(Map<String, V>[] shards, IntSupplier size) {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new Iterator<>() {
                    private int shard;
                    private Iterator<V> current = shards[0].values().iterator();

                    @Override
                    public boolean hasNext() {
                        while (!current.hasNext() && shard < SHARDS - 1) {
                            current = shards[++shard].values().iterator();
                        }
                        return current.hasNext();
                    }

                    @Override
                    public V next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return current.next();
                    }
                };
            }

            @Override
            public int size() {
                return size.getAsInt();
            }
        };
    }

    /** The mutable side: a map that remembers which shards changed since the last {@link #build()}. */
    static final class Builder<V> implements Lookup<V> {
        private final HashMap<String, V>[] shards;
        private final boolean[] dirty = new boolean[SHARDS];
        private ShardedMap<V> last = empty();
        private int size;
        /** Whether a key came or went since the last build. */
        private boolean keysChanged;

        @SuppressWarnings("unchecked")
        Builder() {
            shards = new HashMap[SHARDS];
            for (int i = 0; i < SHARDS; i++) {
                shards[i] = new HashMap<>();
            }
        }

        @Override
        public V get(String key) {
            return shards[shard(key)].get(key);
        }

        @Override
        public boolean containsKey(String key) {
            return shards[shard(key)].containsKey(key);
        }

        /** Always {@code null}: the live keys have no table (callers then use a string of their own). */
        @Override
        public String keyOrNull(char[] chars, int offset, int length) {
            return null;
        }

        /** Always -1, as {@link #keyOrNull}. */
        @Override
        public int keySlot(char[] chars, int offset, int length) {
            return -1;
        }

        @Override
        public String keyAt(int slot) {
            throw new IndexOutOfBoundsException("the live keys have no slots");
        }

        @Override
        public int keySlots() {
            return 0;
        }

        /** Always false: the live keys have no slots. */
        @Override
        public boolean sameSlots(Lookup<?> other) {
            return false;
        }

        @Override
        public V valueAt(int slot) {
            throw new IndexOutOfBoundsException("the live keys have no slots");
        }

        /** The current values, changing with the builder. */
        @Override
        public Collection<V> values() {
            return ShardedMap.values(shards, () -> size);
        }

        void put(String key, V value) {
            int s = shard(key);
            if (shards[s].put(key, value) == null) {
                size++;
                keysChanged = true;
            }
            dirty[s] = true;
        }

        V remove(String key) {
            int s = shard(key);
            V old = shards[s].remove(key);
            if (old != null) {
                dirty[s] = true;
                size--;
                keysChanged = true;
            }
            return old;
        }

        /** The current contents, sharing the shards that did not change since the last build. */
        @SuppressWarnings("unchecked")
        ShardedMap<V> build() {
            boolean any = false;
            Map<String, V>[] next = new Map[SHARDS];
            for (int i = 0; i < SHARDS; i++) {
                if (dirty[i]) {
                    next[i] = Map.copyOf(shards[i]);
                    dirty[i] = false;
                    any = true;
                } else {
                    next[i] = last.shards[i];
                }
            }
            if (any) {
                last = new ShardedMap<>(next, keysChanged ? new Keys() : last.keys);
                keysChanged = false;
            }
            return last;
        }
    }
}
