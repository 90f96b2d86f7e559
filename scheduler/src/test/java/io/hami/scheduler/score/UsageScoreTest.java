package io.hami.scheduler.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.ScoringWeights;
import io.hami.scheduler.Devices;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.request.ContainerRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gpu_policy_test.go ComputeScore, the weighted scores, and node_policy_test.go ComputeDefaultScore, in float32. */
class UsageScoreTest {

    private static final ScoringWeights ONES = ScoringWeights.DEFAULT;

    private static ContainerRequest request(int count, int mem, int pct, int cores) {
        return new ContainerRequest(Devices.NVIDIA, count, mem, pct, cores);
    }

    @Test
    void computeScoreZeroCapacityIsZero() {
        assertThat(UsageScore.device(Devices.spec("d", 0, 10, 0, 100, 0), 1, 0, 0, null, ONES)).isZero();
        assertThat(UsageScore.device(Devices.spec("d", 0, 10, 100, 0, 0), 1, 0, 0, null, ONES)).isZero();
        assertThat(UsageScore.device(Devices.spec("d", 0, 0, 100, 100, 0), 1, 0, 0, null, ONES)).isZero();
    }

    @Test
    void computeScoreWithoutRequestsReflectsUsage() {
        assertThat(UsageScore.device(Devices.spec("d", 0, 10, 8192, 4, 0), 2, 2048, 1, null, ONES)).isEqualTo(7.0f);
    }

    @Test
    void computeScoreCountsTheRequestOncePerContainerNotPerDevice() {
        var d = Devices.spec("d", 0, 10, 8192, 4, 0);
        assertThat(UsageScore.device(d, 2, 2048, 1, request(4, 1024, ContainerRequest.NO_PERCENT, 1), ONES))
                .isEqualTo(11.75f);
    }

    @Test
    void computeScoreResolvesPercentagesAgainstTheDevice() {
        var d = Devices.spec("d", 0, 10, 10000, 10, 0);
        float expected = 10f * ((float) 1 / 10 + (float) 2 / 10 + (float) 5000 / 10000);
        assertThat(UsageScore.device(d, 0, 0, 0, request(1, 0, 50, 2), ONES)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "weights {0}: gpu-a {1}, gpu-b {2}")
    @CsvSource(delimiter = '|', value = {"1,1,1 | 16 | 15", "1,1,3 | 26 | 27", "1,3,1 | 34 | 17"})
    void weightedScores(String weights, float a, float b) {
        String[] w = weights.split(",");
        var ws = new ScoringWeights(Long.parseLong(w[0]), Long.parseLong(w[1]), Long.parseLong(w[2]));
        var k = request(1, 0, 40, 0);
        assertThat(UsageScore.device(Devices.spec("gpu-a", 0, 10, 100, 100, 0), 1, 10, 90, k, ws)).isEqualTo(a);
        assertThat(UsageScore.device(Devices.spec("gpu-b", 1, 10, 100, 100, 0), 7, 20, 10, k, ws)).isEqualTo(b);
    }

    @Test
    void computeDefaultScore() {
        var specs = new DeviceSpec[] {Devices.spec("a", 0, 10, 8000, 100, 0), Devices.spec("b", 1, 10, 8000, 100, 0)};
        assertThat(UsageScore.node(specs, new int[] {1, 0}, new int[] {2000, 0}, new int[] {25, 0})).isEqualTo(3.0f);
        assertThat(UsageScore.node(specs, new int[] {1, 0}, new int[] {6000, 0}, new int[] {75, 0})).isEqualTo(8.0f);
        assertThat(UsageScore.node(new DeviceSpec[0], new int[0], new int[0], new int[0])).isZero();
        var empty = new DeviceSpec[] {Devices.spec("z", 0, 0, 0, 0, 0)};
        assertThat(UsageScore.node(empty, new int[1], new int[1], new int[1])).isZero();
    }

    @Test
    void scoresAreFloat32NotDouble() {
        var d = Devices.spec("d", 0, 3, 11, 7, 0);
        float score = UsageScore.device(d, 1, 1, 1, null, ONES);
        float expected = 10f * (1f / 3f + 1f / 7f + 1f / 11f);
        assertThat(score).isEqualTo(expected);
        assertThat((double) score).isNotEqualTo(10.0 * (1.0 / 3 + 1.0 / 7 + 1.0 / 11));
    }
}
