package io.hami.deviceplugin.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.nvml.GpuPairLinks;
import io.hami.bindings.nvml.TopologyLevel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HAMi's pair score from the links of both sides. */
class TopologyScoresTest {

    private static GpuPairLinks link(String from, String to, TopologyLevel level, int nvlinks) {
        return new GpuPairLinks(from, to, Optional.of(level), nvlinks, false);
    }

    @Test
    void addsThePcieScoreAndOneHundredPerNvlink() {
        assertThat(TopologyScores.pairScore(link("a", "b", TopologyLevel.SINGLE, 4), link("b", "a", TopologyLevel.SINGLE, 4)))
                .isEqualTo(450);
        assertThat(TopologyScores.pairScore(link("a", "b", TopologyLevel.INTERNAL, 0), link("b", "a", TopologyLevel.INTERNAL, 0)))
                .isEqualTo(60);
        assertThat(TopologyScores.pairScore(link("a", "b", TopologyLevel.HOSTBRIDGE, 0), link("b", "a", TopologyLevel.HOSTBRIDGE, 0)))
                .isEqualTo(30);
        assertThat(TopologyScores.pairScore(link("a", "b", TopologyLevel.MULTIPLE, 18), link("b", "a", TopologyLevel.MULTIPLE, 18)))
                .isEqualTo(1840);
    }

    @Test
    void aPairWhoseSidesDisagreeOnTheirLinksScoresZero() {
        // one side sees its NVLinks, the other none (a link down on one GPU): HAMi scores the pair 0
        assertThat(TopologyScores.pairScore(link("a", "b", TopologyLevel.NODE, 2), link("b", "a", TopologyLevel.NODE, 0)))
                .isZero();
        // different counts but both present: HAMi counts link kinds, not links, so the first side's count is scored
        assertThat(TopologyScores.pairScore(link("a", "b", TopologyLevel.NODE, 2), link("b", "a", TopologyLevel.NODE, 1)))
                .isEqualTo(220);
    }

    @Test
    void moreNvlinksThanHamiCountsAreNotScored() {
        assertThat(TopologyScores.pairScore(link("a", "b", TopologyLevel.NODE, 19), link("b", "a", TopologyLevel.NODE, 19)))
                .isEqualTo(20);
        assertThat(TopologyScores.pairScore(new GpuPairLinks("a", "b", Optional.empty(), 0, false),
                new GpuPairLinks("b", "a", Optional.empty(), 0, false))).isZero();
    }
}
