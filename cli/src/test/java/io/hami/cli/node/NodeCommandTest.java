package io.hami.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.cli.CliRun;
import io.hami.cli.HamiCommand;
import io.hami.testfixtures.kube.Kubeconfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hami node}'s option errors: each one line on stderr, exit code 2, nothing started. */
class NodeCommandTest {
    @TempDir
    Path tmp;

    private CliRun node(String... extra) throws Exception {
        var kubeconfig = Kubeconfigs.write(tmp, "http://127.0.0.1:1", "t");
        var args = new java.util.ArrayList<>(java.util.List.of("node", "--node-name", "n", "--kubeconfig", kubeconfig.toString(),
                "--dir", tmp.resolve("d").toString()));
        args.addAll(java.util.List.of(extra));
        return CliRun.run("", args.toArray(String[]::new));
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        var run = CliRun.run("", "node", "--node-name", "n");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).contains("Missing required options").contains("--kubeconfig").contains("--dir");
    }

    @Test
    void anUnreadableKubeconfigIsOneLine() {
        var run = CliRun.run("", "node", "--node-name", "n", "--kubeconfig", tmp.resolve("none").toString(), "--dir", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err().strip()).isEqualTo("hami node: cannot read kubeconfig " + tmp.resolve("none"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badValuesNameTheOption() throws Exception {
        assertThat(node("--containers", "docker").err().strip())
                .isEqualTo("hami node: --containers must be auto, region-writer or runc: docker");
        assertThat(node("--used-fraction", "1.5").err().strip()).isEqualTo("hami node: --used-fraction must lie in 0..1: 1.5");
        assertThat(node("--labels", "gpu=on,=x").err().strip()).isEqualTo("hami node: --labels: not a label k=v: =x");
        assertThat(node("--region-writer", tmp.resolve("nothing").toString()).err().strip())
                .isEqualTo("hami node: --region-writer is not an executable file: " + tmp.resolve("nothing"));
        var split = node("--device-split-count", "0");
        assertThat(split.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(split.err().strip()).isEqualTo("hami device-plugin: deviceSplitCount must lie in 1..1000: 0");
        assertThat(tmp.resolve("d")).doesNotExist();
    }
}
