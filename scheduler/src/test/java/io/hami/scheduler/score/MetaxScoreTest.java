package io.hami.scheduler.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.model.device.MetaxTopologyTable;
import io.hami.scheduler.inventory.MetaxTopology;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MetaX's node score terms, with the cases of HAMi's own tests ({@code Test_ScoreNode} in
 * {@code pkg/device/metax/device_test.go}; {@code TestScoreExclusiveDevices}, {@code TestScoreOnlineDevices} in
 * {@code sdevice_test.go}).
 */
class MetaxScoreTest {

    private static final MetaxTopologyTable ONE_TWO = new MetaxTopologyTable(Map.of(1L, 100L, 2L, 200L));

    @Test
    void wholeGpusUnderBinpackScoreTwoThousandLessTheLoss() {
        var losses = new MetaxTopology(Optional.of(ONE_TWO), Optional.empty());
        assertThat(MetaxScore.wholeGpu(NodeSchedulerPolicy.BINPACK, losses, 2)).isEqualTo(1800f);
        assertThat(MetaxScore.wholeGpu(NodeSchedulerPolicy.SPREAD, losses, 2)).as("spread reads the scores").isZero();
    }

    @Test
    void wholeGpusUnderSpreadScoreTwoThousandLessTheTopologyScore() {
        var scores = new MetaxTopology(Optional.empty(), Optional.of(ONE_TWO));
        assertThat(MetaxScore.wholeGpu(NodeSchedulerPolicy.SPREAD, scores, 1)).isEqualTo(1900f);
        assertThat(MetaxScore.wholeGpu(NodeSchedulerPolicy.BINPACK, scores, 1)).as("binpack reads the losses").isZero();
    }

    @Test
    void aNumberOfGpusTheTableLacksReadsAsZero() {
        var losses = new MetaxTopology(Optional.of(ONE_TWO), Optional.empty());
        assertThat(MetaxScore.wholeGpu(NodeSchedulerPolicy.BINPACK, losses, 3)).isEqualTo(2000f);
        assertThat(MetaxScore.wholeGpu(NodeSchedulerPolicy.BINPACK, MetaxTopology.NONE, 1)).isZero();
    }

    /** Zones are 1-based MetaLink zones; 0 has no link. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // name                               | chosen  | idle before  | idle left | score
        "allocate one device, rest zero      | 1       | 1            |           | 0",
        "allocate one device, rest three     | 1       | 1 1 1 1      | 1 1 1     | -30",
        "allocate two device, best result    | 1 1     | 1 1 1 1      | 1 1       | 60",
        "allocate two device, bad result     | 1 2     | 1 2          |           | 0",
        "allocate four device, best result   | 1 1 1 1 | 1 1 1 1 2    | 2         | 600",
        "allocate four device, bad result    | 1 1 2 2 | 1 1 1 2 2    | 1         | 180",
        "allocate eight device               | 1 1 1 1 2 2 2 2 | 1 1 1 1 2 2 2 2 | | 1200",
    })
    void exclusiveCardsScoreTheLinksTheyKeepLessThoseTheyBreak(String name, String chosen, String idle, String rest,
                                                              int score) {
        assertThat(MetaxScore.exclusive(zones(chosen), zones(idle), zones(rest))).isEqualTo(score);
    }

    @ParameterizedTest
    @CsvSource({"0,0,0", "2,0,-40", "0,2,-200", "2,2,-44"})
    void onlinePodsScoreTheClassesOnTheirCard(int online, int offline, int score) {
        assertThat(MetaxScore.online(online, offline)).isEqualTo(score);
    }

    @Test
    void sgpuScoresOutweighTheUsageScoreAndTurnOverUnderSpread() {
        assertThat(MetaxScore.weighted(NodeSchedulerPolicy.BINPACK, 60)).isEqualTo(600000f);
        assertThat(MetaxScore.weighted(NodeSchedulerPolicy.SPREAD, 60)).isEqualTo(-600000f);
        assertThat(MetaxScore.weighted(NodeSchedulerPolicy.BINPACK, -44)).isEqualTo(-440000f);
    }

    @Test
    void onlyCardsOfOneNonZeroZoneLink() {
        assertThat(MetaxScore.links(new int[] {0, 0, 0})).isZero();
        assertThat(MetaxScore.links(new int[] {3, 3, 0, 3})).isEqualTo(30);
    }

    private static int[] zones(String text) {
        return text == null || text.isBlank() ? new int[0]
                : java.util.Arrays.stream(text.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
    }
}
