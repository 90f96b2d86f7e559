package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container may truncate its region at any moment, also while the node side reads or writes it. Neither may
 * crash the JVM: not a JIT-compiled one, and not an interpreted one (-Xint), where a compare-and-set on a
 * truncated mapping is known to kill the process.
 */
class RegionTruncationTest {

    @TempDir
    Path dir;

    @Test
    void truncationDuringReadsAndWritesIsReportedNeverFatal() throws Exception {
        var outcome = TruncationRace.run(dir.resolve("race.cache"), 1500, 30_000);
        assertThat(outcome.truncations()).isPositive();
        assertThat(outcome.snapshots()).isPositive();
        assertThat(outcome.cutShort()).as("reads cut short by a truncation").isPositive();
        assertThat(outcome.writes() + outcome.rejectedWrites()).isPositive();
    }

    @Test
    void anInterpretedJvmSurvivesTruncationDuringReadsAndWrites() throws Exception {
        var run = fork(List.of("-Xint"), TruncationRace.class, dir.resolve("xint.cache").toString(), "2000", "40000");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("survived Outcome[snapshots=").doesNotContain("cutShort=0,");
    }

    @Test
    void theForkedCheckSeesAnInterpretedJvmDieOfACasOnATruncatedMapping() throws Exception {
        var file = Files.write(dir.resolve("victim.cache"), new byte[1 << 16]);
        var run = fork(List.of("-Xint", "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log")),
                MappedCasVictim.class, file.toString());
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).doesNotContain("survived").contains("SIGBUS");
    }

    record Forked(int exitCode, String output) {
    }

    Forked fork(List<String> jvmOptions, Class<?> main, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        // Output goes to a file: reading the pipe would block until the JVM exits, and the time limit would never
        // be checked.
        Path log = Files.createTempFile(dir, main.getSimpleName(), ".out");
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("forked JVM did not finish within 90 s: " + Files.readString(log));
        }
        return new Forked(process.exitValue(), Files.readString(log).strip());
    }
}
