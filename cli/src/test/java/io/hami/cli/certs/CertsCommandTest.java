package io.hami.cli.certs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.cli.CliRun;
import io.hami.cli.HamiCommand;
import io.hami.testfixtures.kube.Kubeconfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hami certs webhook} in-process against the mock API server: output, idempotence and its errors. */
@EnableKubernetesMockClient(crud = true)
class CertsCommandTest {

    KubernetesClient client;

    @TempDir
    Path tmp;

    private CliRun run(String... extra) throws Exception {
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "token");
        var args = new java.util.ArrayList<>(java.util.List.of("certs", "webhook", "--namespace=hami-system",
                "--service=hami-scheduler", "--secret=hami-scheduler-tls", "--kubeconfig=" + kubeconfig));
        args.addAll(java.util.List.of(extra));
        return CliRun.run("", args.toArray(String[]::new));
    }

    @Test
    void issuesOnceThenKeeps() throws Exception {
        var first = run();
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("issued hami-system/hami-scheduler-tls: no secret "
                + "hami-system/hami-scheduler-tls\n");
        var second = run("--days=3650");
        assertThat(second.out()).isEqualTo("kept hami-system/hami-scheduler-tls: the stored certificate serves\n");
        assertThat(client.secrets().inNamespace("hami-system").withName("hami-scheduler-tls").get().getType())
                .isEqualTo("kubernetes.io/tls");
    }

    @Test
    void aMissingWebhookConfigurationIsOneLineAndExitTwoAfterTheSecretIsMade() throws Exception {
        var r = run("--webhook-config=absent");
        assertThat(r.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(r.err()).isEqualTo("hami certs webhook: no MutatingWebhookConfiguration absent\n");
        assertThat(r.out()).isEqualTo("issued hami-system/hami-scheduler-tls: no secret "
                + "hami-system/hami-scheduler-tls\n");
        assertThat(client.secrets().inNamespace("hami-system").withName("hami-scheduler-tls").get()).isNotNull();
    }

    @Test
    void badFlagsAreRefusedBeforeAnyCall() {
        var badService = CliRun.run("", "certs", "webhook", "--namespace=ns", "--service=Bad_Name", "--secret=s");
        assertThat(badService.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(badService.err()).isEqualTo("hami certs webhook: service must be a DNS label (lower-case letters, "
                + "digits, '-', at most 63): \"Bad_Name\"\n");
        var renew = CliRun.run("", "certs", "webhook", "--namespace=ns", "--service=s", "--secret=s", "--days=10",
                "--renew-days=10");
        assertThat(renew.err()).isEqualTo("hami certs webhook: --renew-days must lie in 0..9: 10\n");
        var missing = CliRun.run("", "certs", "webhook", "--namespace=ns");
        assertThat(missing.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(missing.err()).contains("Missing required options");
    }
}
