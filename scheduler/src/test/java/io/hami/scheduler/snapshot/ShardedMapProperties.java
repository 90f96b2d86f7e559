package io.hami.scheduler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sharded map behaves as a map, and a build shares what did not change. */
class ShardedMapProperties {

    @Test
    void buildsAgreeWithAPlainMapAndEarlierBuildsNeverChange() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            var random = new Random(seed);
            var model = new HashMap<String, Integer>();
            var builder = new ShardedMap.Builder<Integer>();
            ShardedMap<Integer> previous = builder.build();
            Map<String, Integer> previousModel = Map.of();
            for (int round = 0; round < 5; round++) {
                for (int op = 0; op < random.nextInt(300); op++) {
                    String key = "k" + random.nextInt(400);
                    if (random.nextInt(3) == 0) {
                        assertThat(builder.remove(key)).isEqualTo(model.remove(key));
                    } else {
                        int v = random.nextInt();
                        builder.put(key, v);
                        model.put(key, v);
                    }
                }
                assertThat(builder.values()).as("the builder read live").hasSize(model.size())
                        .containsExactlyInAnyOrderElementsOf(model.values());
                model.forEach((k, v) -> assertThat(builder.get(k)).isEqualTo(v));
                ShardedMap<Integer> built = builder.build();
                assertThat(built.size()).isEqualTo(model.size());
                assertThat(built.values()).containsExactlyInAnyOrderElementsOf(model.values());
                model.forEach((k, v) -> assertThat(built.get(k)).isEqualTo(v));
                assertThat(built.containsKey("absent")).isFalse();
                final var before = previous;
                previousModel.forEach((k, v) -> assertThat(before.get(k)).isEqualTo(v));
                for (int k = 0; k < 400; k++) {
                    String key = "k" + k;
                    assertThat(findByCharacters(built, key)).isEqualTo(model.containsKey(key) ? key : null);
                    assertThat(findByCharacters(before, key)).as("an earlier build keeps its own keys")
                            .isEqualTo(previousModel.containsKey(key) ? key : null);
                }
                assertThat(findByCharacters(built, "k")).isNull();
                assertThat(findByCharacters(built, "k4000")).isNull();
                assertThat(builder.keyOrNull("k1".toCharArray(), 0, 2)).as("the live side has no table").isNull();
                assertThat(before.size()).isEqualTo(previousModel.size());
                previous = built;
                previousModel = Map.copyOf(model);
            }
            assertThat(builder.build()).as("nothing changed: the same map").isSameAs(previous);
        });
    }

    @Test
    void valuesBySlotAgreeWithGetInEveryBuildWhetherItsKeysChangedOrOnlyItsValues() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            var random = new Random(seed);
            var model = new HashMap<String, Integer>();
            var builder = new ShardedMap.Builder<Integer>();
            ShardedMap<Integer> previous = null;
            Map<String, Integer> previousModel = Map.of();
            for (int round = 0; round < 8; round++) {
                boolean keysMayChange = round == 0 || random.nextInt(4) == 0;
                for (int op = 0; op < 1 + random.nextInt(40); op++) {
                    String key = "k" + random.nextInt(600); // several chunks of slots
                    if (!keysMayChange && !model.containsKey(key)) {
                        continue;
                    }
                    if (keysMayChange && random.nextInt(3) == 0) {
                        builder.remove(key);
                        model.remove(key);
                    } else {
                        int v = random.nextInt();
                        builder.put(key, v);
                        model.put(key, v);
                    }
                }
                ShardedMap<Integer> built = builder.build();
                // Read in a random order of builds: a later build's array must not change an earlier one's.
                for (var check : random.nextBoolean() ? java.util.List.of(built, previous == null ? built : previous)
                        : java.util.List.of(previous == null ? built : previous, built)) {
                    Map<String, Integer> expected = check == built ? model : previousModel;
                    expected.forEach((k, v) -> assertThat(check.valueAt(check.keySlot(k.toCharArray(), 0, k.length())))
                            .as("%s in %s", k, check == built ? "the new build" : "the previous one").isEqualTo(v));
                }
                if (previous != null && !keysMayChange) {
                    assertThat(built.sameSlots(previous)).as("only values changed: the same slots").isTrue();
                }
                if (previous != null && built.sameSlots(previous)) {
                    assertThat(model.keySet()).isEqualTo(previousModel.keySet());
                    assertThat(sameKeysInSlots(built, previous)).isTrue();
                }
                previous = built;
                previousModel = Map.copyOf(model);
            }
        });
    }

    /** Whether both give every key of {@code a} the same slot. */
    private static boolean sameKeysInSlots(ShardedMap<?> a, ShardedMap<?> b) {
        for (int s = 0; s < a.keySlots(); s++) {
            String k = a.keyAt(s);
            if (b.keySlot(k.toCharArray(), 0, k.length()) != s) {
                return false;
            }
        }
        return true;
    }

    /** The map's key equal to {@code key}, looked up by characters placed inside a longer array. */
    private static String findByCharacters(ShardedMap<?> map, String key) {
        char[] around = ("[" + key + "]").toCharArray();
        return map.keyOrNull(around, 1, key.length());
    }

    @Test
    void keysAreFoundByTheirCharactersAsTheMapsOwnStrings() {
        var builder = new ShardedMap.Builder<Integer>();
        var names = new String[]{"node-1", "node-10", "nœud-é", "Aa", "BB", ""}; // "Aa" and "BB" share a hash code
        for (int i = 0; i < names.length; i++) {
            builder.put(names[i], i);
        }
        ShardedMap<Integer> built = builder.build();
        for (String name : names) {
            assertThat(built.keyOrNull(name.toCharArray(), 0, name.length())).isSameAs(name);
        }
        assertThat(built.keyOrNull("node-".toCharArray(), 0, 5)).isNull();
        assertThat(built.keyOrNull("node-100".toCharArray(), 0, 8)).isNull();
        assertThat(built.keyOrNull("Ab".toCharArray(), 0, 2)).isNull();
    }

    @Test
    void eachKeyHasItsOwnSlotBelowTheSlotCountAndTheSlotGivesTheKey() {
        var builder = new ShardedMap.Builder<Integer>();
        var names = new String[]{"node-1", "node-10", "nœud-é", "Aa", "BB", ""};
        for (int i = 0; i < names.length; i++) {
            builder.put(names[i], i);
        }
        ShardedMap<Integer> built = builder.build();
        var slots = new HashSet<Integer>();
        for (String name : names) {
            char[] around = ("[" + name + "]").toCharArray();
            int slot = built.keySlot(around, 1, name.length());
            assertThat(slot).isBetween(0, built.keySlots() - 1);
            assertThat(built.keyAt(slot)).isSameAs(name);
            slots.add(slot);
        }
        assertThat(slots).hasSize(names.length);
        assertThat(built.keySlot("node-".toCharArray(), 0, 5)).isEqualTo(-1);
        assertThat(builder.keySlot("node-1".toCharArray(), 0, 6)).as("the live side has no table").isEqualTo(-1);
        assertThat(builder.keySlots()).isZero();
    }

    /**
     * Each shard is a HashMap, which picks a bucket from the low bits of the spread hash: were the shard picked from
     * the same bits, every key of a shard would land in one bucket of it, and lookups would walk a tree per call.
     */
    @Test
    void keysOfOneShardSpreadOverTheBucketsOfItsHashMap() {
        var buckets = new HashSet<Integer>();
        for (int i = 0; i < 20_000; i++) {
            String key = "sim-" + i;
            if (ShardedMap.shard(key) == 0) {
                int h = key.hashCode();
                buckets.add((h ^ (h >>> 16)) & 255);
            }
        }
        assertThat(buckets).as("buckets of 256 used by the keys of shard 0").hasSizeGreaterThan(64);
    }
}
