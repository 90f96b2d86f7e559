package io.hami.scheduler.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.GoDuration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeLockTimeoutTest {

    /** nodelock_test: HAMI_NODELOCK_EXPIRE `` → default; `10m` → 10 m; `notaduration` → default; the flag wins. */
    @ParameterizedTest(name = "env {0}, flag {1} -> {2}")
    @CsvSource(value = {"'',,5m", "10m,,10m", "notaduration,,5m", "10m,2m,2m", "0s,,5m", "-1m,,5m"}, nullValues = "")
    void nodeLockTimeoutFromFlagThenEnv(String env, String flag, String expected) {
        var d = DaemonConfig.nodeLockTimeout(Optional.ofNullable(flag).map(GoDuration::parse),
                Optional.ofNullable(env == null ? "" : env));
        assertThat(d).isEqualTo(GoDuration.parse(expected));
    }
}
