package io.hami.scheduler.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.annotation.GoDuration;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.vendor.DeviceTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The daemon configuration's own resolution rules (the flags are resolved by {@code hami scheduler}). */
class DaemonConfigTest {

    /** nodelock_test: HAMI_NODELOCK_EXPIRE `` → default; `10m` → 10 m; the flag wins. */
    @ParameterizedTest(name = "env {0}, flag {1} -> {2}")
    @CsvSource(value = {"'',,5m", "10m,,10m", "10m,2m,2m", "notaduration,2m,2m"}, nullValues = "")
    void nodeLockTimeoutFromFlagThenEnv(String env, String flag, String expected) {
        var d = DaemonConfig.nodeLockTimeout(Optional.ofNullable(flag).map(GoDuration::parse),
                Optional.ofNullable(env == null ? "" : env));
        assertThat(d).isEqualTo(GoDuration.parse(expected));
    }

    /** HAMi logs a bad value and keeps 5 minutes; here it is refused like any other bad setting. */
    @ParameterizedTest(name = "HAMI_NODELOCK_EXPIRE={0}")
    @CsvSource(delimiter = '|', value = {
        "notaduration|HAMI_NODELOCK_EXPIRE: time: invalid duration \"notaduration\"",
        "5|HAMI_NODELOCK_EXPIRE: time: invalid duration \"5\"",
        "0s|HAMI_NODELOCK_EXPIRE must be positive: \"0s\"",
        "-1m|HAMI_NODELOCK_EXPIRE must be positive: \"-1m\""})
    void badNodeLockExpireIsRefusedNamingTheVariableAndTheValue(String env, String message) {
        assertThatThrownBy(() -> DaemonConfig.nodeLockTimeout(Optional.empty(), Optional.of(env)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    static DaemonConfig config(String httpBind, Optional<Path> clientCa) {
        var types = DeviceTypes.defaults();
        return new DaemonConfig(SchedulerConfig.defaults(types), Optional.empty(),
                DaemonConfig.Endpoint.parse(httpBind), DaemonConfig.Endpoint.parse(":9443"),
                Optional.of(new DaemonConfig.Tls(Path.of("tls.crt"), Path.of("tls.key"), clientCa)), "hami-scheduler",
                true, DaemonConfig.Endpoint.parse(":9395"), false, Map.of(), Duration.ofMinutes(5),
                Duration.ofSeconds(28), Duration.ofSeconds(20), DaemonConfig.Leader.none(),
                new DaemonConfig.Self("", ""), DaemonConfig.Timing.defaults(), Map.of());
    }

    @ParameterizedTest(name = "--http_bind {0}")
    @CsvSource({"127.0.0.1:8443,true", "localhost:8443,true", "[::1]:8443,true", "0.0.0.0:8443,false",
        ":8443,false", "10.1.2.3:8443,false"})
    void theExtenderListensOnLoopbackUnlessItsClientsMustPresentCertificates(String bind, boolean loopback) {
        if (loopback) {
            assertThat(config(bind, Optional.empty()).http().isLoopback()).isTrue();
        } else {
            assertThatThrownBy(() -> config(bind, Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--http_bind ").hasMessageContaining("--client_ca_file");
        }
        assertThat(config(bind, Optional.of(Path.of("client-ca.crt"))).http().port()).isEqualTo(8443);
    }
}
