package io.hami.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.cli.CliRun;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami monitor}'s refusals, in-process: each is one line and exit code 2, before anything starts. The
 * timeout guards against a regression that accepts the input and starts the daemon, which runs until stopped;
 * it is no speed check.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MonitorCommandTest {

    @TempDir
    Path dir;

    @Test
    void anInvalidSettingIsOneLineAndExitTwo() {
        var run = CliRun.run("", "monitor", "--node-name", "n", "--resync-interval", "soon");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("hami monitor: resync-interval from --resync-interval: "
                + "time: invalid duration \"soon\"\n");
    }

    @Test
    void aMissingConfigFileIsOneLineAndExitTwo() {
        var file = dir.resolve("absent.conf");
        assertOneLine(CliRun.run("", "monitor", "--node-name", "n", "--config", file.toString()),
                "hami monitor: --config " + file + ": no such file");
    }

    @Test
    void aDirectoryAsConfigFileIsOneLineAndExitTwo() {
        assertOneLine(CliRun.run("", "monitor", "--node-name", "n", "--config", dir.toString()),
                "hami monitor: --config " + dir + ": a directory, not a regular file");
    }

    @Test
    void aConfigFileThatIsNotUtf8IsOneLineAndExitTwo() throws Exception {
        var file = Files.write(dir.resolve("latin1.conf"), "node-name=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertOneLine(CliRun.run("", "monitor", "--config", file.toString()),
                "hami monitor: --config " + file + ": not valid UTF-8 (at byte 13)");
    }

    @Test
    void aConfigFileOfAFiftyMebibyteLineIsOneLineAndExitTwo() throws Exception {
        var file = dir.resolve("long.conf");
        try (var out = new RandomAccessFile(file.toFile(), "rw")) {
            var chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
        }
        assertOneLine(CliRun.run("", "monitor", "--node-name", "n", "--config", file.toString()),
                "hami monitor: --config " + file + ": larger than 65536 bytes (52428800)");
    }

    @Test
    void aFeedbackIntervalOfOneNanosecondIsRefused() throws Exception {
        var file = Files.writeString(dir.resolve("monitor.conf"), "node-name=n\nfeedback-interval=1ns\n");
        assertOneLine(CliRun.run("", "monitor", "--config", file.toString()),
                "hami monitor: feedback-interval must be at least 100ms: 1ns");
    }

    @Test
    void aNodeNameThatIsAPathIsRefused() {
        assertOneLine(CliRun.run("", "monitor", "--node-name", "../../etc"),
                "hami monitor: node-name from --node-name: not a DNS-1123 subdomain (lower-case letters, digits, "
                        + "'-' and '.', as Kubernetes names nodes): \"../../etc\"");
    }

    @Test
    void anUnknownVendorIsRefusedNamingTheKnownOnes() {
        assertOneLine(CliRun.run("", "monitor", "--node-name", "n", "--vendor", "amd"),
                "hami monitor: vendor from --vendor: unknown vendor \"amd\" "
                        + "(one of nvidia, cambricon, ascend, hygon, iluvatar, metax, mthreads)");
    }

    @Test
    void nvmlLibraryForAnotherVendorIsRefused() {
        assertOneLine(CliRun.run("", "monitor", "--node-name", "n", "--vendor", "metax", "--nvml-library", "/opt/libnvidia-ml.so.1"),
                "hami monitor: nvml-library from --nvml-library is NVIDIA's library, but the vendor is metax: "
                        + "use library (--library or HAMI_LIBRARY)");
    }

    @Test
    void aNegativeKubeBurstIsRefused() {
        assertOneLine(CliRun.run("", "monitor", "--node-name", "n", "--kube-burst", "-1"),
                "hami monitor: --kube-burst: must not be negative, but is -1");
    }

    private static void assertOneLine(CliRun run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(line + "\n");
    }

    @Test
    void helpListsEveryFlag() {
        var run = CliRun.run("", "monitor", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--node-name", "--hook-path", "--metrics-bind-address", "--legacy-metrics",
                "--resync-interval", "--feedback-interval", "--vendor", "--library", "--nvml-library", "--mig-apply-lock",
                "--kubeconfig", "--resource-name", "--config");
    }
}
