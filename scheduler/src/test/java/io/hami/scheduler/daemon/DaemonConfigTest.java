package io.hami.scheduler.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.annotation.GoDuration;
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
}
