package io.hami.cli.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hami scheduler}: flags, environment and device config resolved once; errors before anything starts. */
class SchedulerCommandTest {

    @TempDir
    Path dir;

    @Test
    void defaultsFollowHamisFlags() {
        var run = CliRun.run("", "scheduler", "--plain-http", "--print-config");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("http: 127.0.0.1:8080 (plain http; /filter, /bind for loopback only)",
                "webhook: :9443 (plain http; /webhook)", "metrics: :9395 (plain http; /metrics)",
                "allocation page: off", "node-scheduler-policy: binpack", "gpu-scheduler-policy: spread", "force-overwrite-default-scheduler: true",
                "node-lock-retry-timeout: 28s", "node-lock-wait: 20s", "leader-elect: off (always leader)", "device-types: nvidia");
        assertThat(run.out()).containsPattern("node-lock-timeout: (5m0s|.+)");
    }

    @Test
    void theApiServerIsCalledAtHamisRateUnlessTheFlagsSayOtherwise() {
        var defaults = CliRun.run("", "scheduler", "--plain-http", "--print-config");
        assertThat(defaults.out()).contains("kube-api: 5.0 requests/s, bursts of 10");
        var large = CliRun.run("", "scheduler", "--plain-http", "--kube-qps", "200", "--kube-burst", "400",
                "--print-config");
        assertThat(large.out()).contains("kube-api: 200.0 requests/s, bursts of 400");
        var off = CliRun.run("", "scheduler", "--plain-http", "--kube-qps", "-1", "--print-config");
        assertThat(off.out()).contains("kube-api: unlimited");
        var bad = CliRun.run("", "scheduler", "--plain-http", "--kube-burst", "-3", "--print-config");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("hami scheduler: --kube-burst: must not be negative, but is -3");
    }

    @Test
    void theWarmUpRunsByDefaultAndEitherFlagAtZeroTurnsItOff() {
        var defaults = CliRun.run("", "scheduler", "--plain-http", "--print-config");
        assertThat(defaults.out()).contains("warm-up: up to 3000 rounds within 10s before ready");
        for (var off : new String[][] {{"--warm-up-rounds", "0"}, {"--warm-up-time", "0"}}) {
            var run = CliRun.run("", "scheduler", "--plain-http", off[0], off[1], "--print-config");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("warm-up: off");
        }
        var bad = CliRun.run("", "scheduler", "--plain-http", "--warm-up-time", "-1s", "--print-config");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("hami scheduler: --warm-up-time must not be negative: -1s");
    }

    @Test
    void theAllocationPageListensOnlyWhereAsked() {
        var run = CliRun.run("", "scheduler", "--plain-http", "--allocation-page-address", ":9396", "--print-config");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("allocation page: :9396 (plain http; read-only /, /allocation.json)");
        var bad = CliRun.run("", "scheduler", "--plain-http", "--allocation-page-address", "9396", "--print-config");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("hami scheduler: --allocation-page-address: expected host:port but "
                + "found \"9396\"");
    }

    @Test
    void chartFlagsAreRead() throws Exception {
        Path cert = Files.writeString(dir.resolve("tls.crt"), "");
        Path key = Files.writeString(dir.resolve("tls.key"), "");
        var run = CliRun.run("", "scheduler", "--http_bind", "127.0.0.1:8443", "--webhook_bind", "0.0.0.0:9443",
                "--cert_file", cert.toString(),
                "--key_file", key.toString(), "--scheduler-name", "hami-scheduler", "--gpu-scheduler-policy",
                "binpack,numa", "--node-scheduler-policy", "spread", "--node-label-selector", "gpu=on,zone=a",
                "--node-lock-timeout", "2m", "--node-lock-retry-timeout", "0", "--node-lock-wait", "0",
                "--leader-elect",
                "--leader-elect-resource-name", "hami-scheduler", "--leader-elect-resource-namespace", "kube-system",
                "--legacy-metrics", "--force-overwrite-default-scheduler", "false", "--evaluation", "all-nodes",
                "--print-config");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("http: 127.0.0.1:8443 (https, cert " + cert + ", key " + key
                + "; /filter, /bind for loopback only)", "webhook: 0.0.0.0:9443 (https, cert " + cert,
                "scheduler-name: hami-scheduler",
                "gpu-scheduler-policy: binpack,numa", "node-scheduler-policy: spread",
                "node-label-selector: {gpu=on, zone=a}", "node-lock-timeout: 2m0s", "node-lock-retry-timeout: 0s",
                "node-lock-wait: 0s", "leader-elect: kube-system/hami-scheduler as ", "with legacy names)",
                "force-overwrite-default-scheduler: false", "evaluation: ALL_NODES");
    }

    @Test
    void theExtenderListensElsewhereThanLoopbackOnlyForClientsWithCertificates() throws Exception {
        Path cert = Files.writeString(dir.resolve("tls.crt"), "");
        Path key = Files.writeString(dir.resolve("tls.key"), "");
        Path ca = Files.writeString(dir.resolve("client-ca.crt"), "");
        var open = CliRun.run("", "scheduler", "--http_bind", "0.0.0.0:8443", "--cert_file", cert.toString(),
                "--key_file", key.toString(), "--print-config");
        assertThat(open.exitCode()).isEqualTo(2);
        assertThat(open.err()).contains("hami scheduler: --http_bind 0.0.0.0:8443: /filter and /bind are served on a "
                + "loopback address only").contains("--client_ca_file");
        assertThat(open.out()).isEmpty();
        var mutual = CliRun.run("", "scheduler", "--http_bind", "0.0.0.0:8443", "--cert_file", cert.toString(),
                "--key_file", key.toString(), "--client_ca_file", ca.toString(), "--print-config");
        assertThat(mutual.exitCode()).as(mutual.err()).isZero();
        assertThat(mutual.out()).contains("http: 0.0.0.0:8443 (https, cert " + cert + ", key " + key
                + "; /filter, /bind for clients with a certificate from " + ca + ")");
        var plain = CliRun.run("", "scheduler", "--plain-http", "--client_ca_file", ca.toString(), "--print-config");
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err()).contains("--client_ca_file needs HTTPS");
    }

    @Test
    void httpsIsTheDefaultAndPlainHttpMustBeAskedFor() {
        var run = CliRun.run("", "scheduler", "--print-config");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("HTTPS needs --cert_file and --key_file; pass --plain-http");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void invalidFlagsExitTwoWithOneLine() {
        assertThat(CliRun.run("", "scheduler", "--plain-http", "--gpu-scheduler-policy", "fastest", "--print-config")
                .exitCode()).isEqualTo(2);
        var duration = CliRun.run("", "scheduler", "--plain-http", "--node-lock-retry-timeout", "soon",
                "--print-config");
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.err()).contains("--node-lock-retry-timeout: time: invalid duration \"soon\"");
        var negative = CliRun.run("", "scheduler", "--plain-http", "--node-lock-wait", "-1s", "--print-config");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--node-lock-wait must not be negative: -1s");
        var kube = CliRun.run("", "scheduler", "--plain-http", "--kube-timeout", "1 minute", "--print-config");
        assertThat(kube.exitCode()).isEqualTo(2);
        assertThat(kube.err()).contains("--kube-timeout: time: invalid duration \"1 minute\"");
        // HAMi's --kube-timeout is an integer of seconds; a Go duration works too
        assertThat(CliRun.run("", "scheduler", "--plain-http", "--kube-timeout", "30", "--print-config").exitCode()).isZero();
        assertThat(CliRun.run("", "scheduler", "--plain-http", "--kube-timeout", "1m30s", "--print-config").exitCode()).isZero();
        var leader = CliRun.run("", "scheduler", "--plain-http", "--leader-elect", "--print-config");
        assertThat(leader.exitCode()).isEqualTo(2);
        assertThat(leader.err()).contains("--leader-elect needs");
    }

    @Test
    void deviceConfigFileIsLoadedAndItsErrorsNameTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("device-config.yaml"), "nvidia:\n  resourceCountName: hami.io/gpu\n");
        var run = CliRun.run("", "scheduler", "--plain-http", "--device-config-file", config.toString(),
                "--print-config");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "nvidia:\n  memoryFactor: 0\n");
        var failed = CliRun.run("", "scheduler", "--plain-http", "--device-config-file", bad.toString(),
                "--print-config");
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.err()).contains(bad.toString());
    }

    @Test
    void helpListsTheFlags() {
        var run = CliRun.run("", "scheduler", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--http_bind", "--cert_file", "--plain-http", "--node-lock-timeout",
                "--leader-elect", "--device-config-file");
    }
}
