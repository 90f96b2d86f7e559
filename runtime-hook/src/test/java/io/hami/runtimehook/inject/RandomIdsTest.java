package io.hami.runtimehook.inject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
    @Test
    void drawsDistinctVersion4Uuids() {
        var ids = new RandomIds();
        var seen = new HashSet<String>();
        for (int i = 0; i < 200; i++) {
            var id = ids.get();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
            assertThat(seen.add(id)).isTrue();
        }
    }
}
