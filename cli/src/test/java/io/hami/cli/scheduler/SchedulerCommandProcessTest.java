package io.hami.cli.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code hami scheduler} in a JVM of its own, for what only a real process has: its environment (the in-process
 * runs of {@link SchedulerCommandTest} share the test JVM's).
 */
class SchedulerCommandProcessTest {

    @Test
    void badNodeLockExpireExitsTwoWithOneLineNamingTheVariableAndTheValue() throws Exception {
        var pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.hami.cli.HamiCommand",
                "scheduler", "--plain-http", "--print-config");
        pb.environment().put("HAMI_NODELOCK_EXPIRE", "soon");
        var process = pb.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("hami scheduler did not exit: " + err);
        }
        assertThat(process.exitValue()).as(err).isEqualTo(2);
        assertThat(err.lines().toList())
                .isEqualTo(List.of("hami scheduler: HAMI_NODELOCK_EXPIRE: time: invalid duration \"soon\""));
        assertThat(out).isEmpty();
    }
}
