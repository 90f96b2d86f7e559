package io.hami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HamiCommandTest {

    @Test
    void helpListsTheCommands() {
        var run = CliRun.run("", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: hami", "version", "annotation");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void noArgumentsPrintsUsage() {
        var run = CliRun.run("");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: hami");
    }

    @Test
    void versionNamesTheBuildAndTheHamiFormats() {
        var run = CliRun.run("", "version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("hami-java \\d+\\.\\d+\\.\\d+")
                .contains("HAMi v2.10", "1.2", "Java 25");
        assertThat(run.out()).doesNotContain("${");
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitTwo() {
        var run = CliRun.run("", "frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("frobnicate");
    }
}
