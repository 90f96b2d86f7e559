package io.hami.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vendors' own pod keys and the words their values take. */
class VendorAnnotationsTest {

    @Test
    void ascendRuntimeInfoIsKeyedByTheCommonWordAndSoftSplitIsExactlyHamiCore() {
        assertThat(AscendAnnotations.runtimeInfo("Ascend910B3")).isEqualTo("huawei.com/Ascend910B3");
        assertThat(AscendAnnotations.softSplit(Map.of("huawei.com/vnpu-mode", "hami-core"))).isTrue();
        assertThat(AscendAnnotations.softSplit(Map.of("huawei.com/vnpu-mode", "HAMi-core"))).isFalse();
        assertThat(AscendAnnotations.softSplit(Map.of())).isFalse();
    }

    @Test
    void metaxWordsAreComparedExactly() {
        assertThat(MetaxQos.of("fixed-share")).contains(MetaxQos.FIXED_SHARE);
        assertThat(MetaxQos.of("Fixed-Share")).isEmpty();
        assertThat(MetaxQos.of(null)).isEmpty();
        assertThat(MetaxQos.DEFAULT.wire()).isEqualTo("best-effort");
        assertThat(MetaxQos.allowed()).isEqualTo("best-effort, fixed-share, burst-share");
        assertThat(MetaxAppClass.of("online")).contains(MetaxAppClass.ONLINE);
        assertThat(MetaxAppClass.of("offline ")).isEmpty();
    }
}
