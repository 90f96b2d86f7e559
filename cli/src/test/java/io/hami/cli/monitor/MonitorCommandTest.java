package io.hami.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.cli.CliRun;
import org.junit.jupiter.api.Test;

class MonitorCommandTest {

    @Test
    void anInvalidSettingIsOneLineAndExitTwo() {
        var run = CliRun.run("", "monitor", "--node-name", "n", "--resync-interval", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("hami monitor: resync-interval from --resync-interval: "
                + "time: invalid duration \"soon\"\n");
    }

    @Test
    void helpListsEveryFlag() {
        var run = CliRun.run("", "monitor", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--node-name", "--hook-path", "--metrics-bind-address", "--legacy-metrics",
                "--resync-interval", "--feedback-interval", "--nvml-library", "--mig-apply-lock", "--kubeconfig", "--config");
    }
}
