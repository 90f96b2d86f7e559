package io.hami.model.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** devices_test.go's ExtractMigTemplatesFromUUID cases, on the legacy MIG device UUID. */
class LegacyMigUuidTest {

    @Test
    void splitsTheGpuTheTemplateAndThePosition() {
        assertThat(LegacyMigUuid.parse("GPU-936619fc-f6a1-74a8-0bc6-ecf6b3269313[7-9]"))
                .contains(new LegacyMigUuid("GPU-936619fc-f6a1-74a8-0bc6-ecf6b3269313", 7, 9));
        assertThat(LegacyMigUuid.parse("GPU-a[12-3]")).contains(new LegacyMigUuid("GPU-a", 12, 3));
    }

    @Test
    void writesTheFormItReads() {
        assertThat(LegacyMigUuid.parse("GPU-a[1-0]").map(LegacyMigUuid::toString)).contains("GPU-a[1-0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GPU-a", "GPU-a7-9]", "GPU-a[7-9", "GPU-a[79]", "GPU-a[a-9]", "GPU-a[7-b]", "GPU-a[1]", "GPU-a[1-]", "GPU-a[-1]", "GPU-a[a-1]", "GPU-a[1-2-3]",
            "GPU-a[1-0]x", "[1-0]", "GPU-a[1-0]]", "GPU-a]1-0[", "GPU-a[+1-0]", "GPU-a[1234567890-0]"})
    void anythingElseIsNotALegacyMigUuid(String uuid) {
        assertThat(LegacyMigUuid.parse(uuid)).isEqualTo(Optional.empty());
    }
}
