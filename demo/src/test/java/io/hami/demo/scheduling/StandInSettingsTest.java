package io.hami.demo.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandInSettingsTest {

    @Test
    void backoffDoublesFromOneSecondToTenAsKubeSchedulers() {
        var s = StandInSettings.kubeScheduler("hami-scheduler");
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(s::backoff).toList()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void unschedulableReasonCountsNodesPerReasonSortedByReasonAsKubeSchedulerSays() {
        var failed = new LinkedHashMap<String, String>();
        failed.put("a", "8/8 CardInsufficientMemory");
        failed.put("b", "2/2 CardTypeMismatch");
        failed.put("c", "8/8 CardInsufficientMemory");
        assertThat(KubeSchedulerStandIn.unschedulableReason(new ExtenderClient.FilterResult(List.of(), failed, ""), 3))
                .isEqualTo("0/3 nodes are available: 1 2/2 CardTypeMismatch, 2 8/8 CardInsufficientMemory");
        assertThat(KubeSchedulerStandIn.unschedulableReason(new ExtenderClient.FilterResult(List.of(), failed,
                "boom"), 3)).isEqualTo("extender error: boom");
    }
}
