package io.hami.scheduler.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The warm-up runs the webhook, the filter and the bind for real, and leaves nothing behind in its own cluster. */
class WarmupTest {

    static DaemonConfig config(DaemonConfig.WarmUp warmUp) {
        var loopback = new DaemonConfig.Endpoint("127.0.0.1", 0);
        return new DaemonConfig(SchedulerConfig.defaults(DeviceTypes.defaults()), Optional.empty(), loopback,
                loopback, Optional.empty(), "hami-scheduler", true, loopback, false, Map.of(), Duration.ofMinutes(5),
                Duration.ofSeconds(2), Duration.ZERO, DaemonConfig.Leader.none(), new DaemonConfig.Self("", ""),
                DaemonConfig.Timing.defaults(), Map.of(), Optional.empty(), warmUp);
    }

    @Test
    void everyRoundPlacesAndBindsItsPodAndNoReservationOrLockIsLeft() throws Exception {
        var done = Warmup.run(config(new DaemonConfig.WarmUp(60, Duration.ofMinutes(5))),
                new KubernetesSerialization(), Clock.systemUTC());
        assertThat(done.rounds()).isEqualTo(60);
        assertThat(done.scheduled()).isEqualTo(60);
        assertThat(done.bound()).isEqualTo(60);
        assertThat(done.podsLeft()).isZero();
        assertThat(done.locksLeft()).isZero();
    }

    @Test
    void eitherLimitAtZeroRunsNothing() throws Exception {
        for (var off : new DaemonConfig.WarmUp[] {DaemonConfig.WarmUp.OFF,
                new DaemonConfig.WarmUp(0, Duration.ofMinutes(1)), new DaemonConfig.WarmUp(10, Duration.ZERO)}) {
            assertThat(Warmup.run(config(off), new KubernetesSerialization(), Clock.systemUTC()).rounds()).isZero();
        }
    }
}
