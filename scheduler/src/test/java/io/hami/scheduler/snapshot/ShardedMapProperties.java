package io.hami.scheduler.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashMap;
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
                ShardedMap<Integer> built = builder.build();
                assertThat(built.size()).isEqualTo(model.size());
                assertThat(built.values()).containsExactlyInAnyOrderElementsOf(model.values());
                model.forEach((k, v) -> assertThat(built.get(k)).isEqualTo(v));
                assertThat(built.containsKey("absent")).isFalse();
                final var before = previous;
                previousModel.forEach((k, v) -> assertThat(before.get(k)).isEqualTo(v));
                assertThat(before.size()).isEqualTo(previousModel.size());
                previous = built;
                previousModel = Map.copyOf(model);
            }
            assertThat(builder.build()).as("nothing changed: the same map").isSameAs(previous);
        });
    }
}
