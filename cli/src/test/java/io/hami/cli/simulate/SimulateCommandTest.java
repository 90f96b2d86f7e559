package io.hami.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsOneRowPerPolicyPairAndWritesThePlots() {
        var run = CliRun.run("", "simulate", "--trace", "../examples/trace.yaml", "--plots", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(5).first().asString().startsWith("NODE/GPU POLICY");
        assertThat(run.out()).contains("binpack/binpack", "binpack/spread", "spread/binpack", "spread/spread");
        assertThat(dir.resolve("memory.svg")).exists();
        assertThat(dir.resolve("waiting.svg")).exists();
        assertThat(dir.resolve("memory.png")).exists();
    }

    @Test
    void printsJsonWhenAsked() {
        var run = CliRun.run("", "simulate", "--trace", "../examples/trace.yaml", "--no-plots", "--json",
                "--node-policy", "spread", "--gpu-policy", "binpack");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"nodePolicy\" : \"spread\"", "\"gpuPolicy\" : \"binpack\"");
    }

    @Test
    void aBadTraceIsOneLineNamingTheFieldAndExitCode2() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.csv"), "time,duration,nvidia.com/gpu\nnow,1,1\n");
        var run = CliRun.run("", "simulate", "--trace", trace.toString(), "--no-plots");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("hami simulate: " + trace + ", line 2: time: not a number of seconds: "
                + "'now'");
    }

    @Test
    void anUnknownPolicyIsRefused() {
        var run = CliRun.run("", "simulate", "--generate", "--pods", "10", "--no-plots", "--node-policy", "pack");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("hami simulate: --node-policy: ");
    }
}
