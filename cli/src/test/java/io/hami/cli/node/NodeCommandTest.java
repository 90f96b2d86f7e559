package io.hami.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.cli.CliRun;
import io.hami.cli.HamiCommand;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami node}'s option errors (each one line on stderr, exit code 2, nothing started), and a start that
 * fails (one line, the failing part's exit code, everything started so far stopped again).
 */
@EnableKubernetesMockClient(crud = true)
class NodeCommandTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    private CliRun node(String... extra) throws Exception {
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "t");
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
    void aNodeNameThatIsAPathIsOneLine() {
        var run = CliRun.run("", "node", "--node-name", "../../etc", "--kubeconfig", tmp.resolve("none").toString(),
                "--dir", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami node: --node-name must be a DNS-1123 subdomain (lower-case letters, digits, "
                + "'-' and '.', as Kubernetes names nodes): \"../../etc\"\n");
        assertThat(run.out()).isEmpty();
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
                .isEqualTo("hami node: --containers must be auto, region-writer, runc or containerd: docker");
        assertThat(node("--containers", "containerd").err().strip())
                .isEqualTo("hami node: --containers containerd needs --containerd-socket and --container-image");
        assertThat(node("--used-fraction", "1.5").err().strip()).isEqualTo("hami node: --used-fraction must lie in 0..1: 1.5");
        assertThat(node("--labels", "gpu=on,=x").err().strip()).isEqualTo("hami node: --labels: not a label k=v: =x");
        assertThat(node("--region-writer", tmp.resolve("nothing").toString()).err().strip())
                .isEqualTo("hami node: --region-writer is not an executable file: " + tmp.resolve("nothing"));
        var split = node("--device-split-count", "0");
        assertThat(split.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(split.err().strip()).isEqualTo("hami device-plugin: deviceSplitCount must lie in 1..1000: 0");
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void badVendorOptionsNameTheOption() throws Exception {
        var vendor = node("--vendor", "tpu");
        assertThat(vendor.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(vendor.err().strip()).isEqualTo("hami node: --vendor must be one of nvidia, cambricon, ascend, hygon, "
                + "iluvatar, metax-gpu, metax-sgpu, mthreads: tpu");
        assertThat(node("--vendor", "cambricon", "--nvml-library", "x").err().strip())
                .isEqualTo("hami node: --nvml-library is NVIDIA's; --vendor cambricon takes --library");
        assertThat(node("--library", "a", "--nvml-library", "b").err().strip())
                .isEqualTo("hami node: give --library or --nvml-library, not both");
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void aNodeWithoutUsableNvmlExitsThreeAndStopsWhatItStarted() throws Exception {
        var run = node("--nvml-library", NvmlMock.notNvmlLibrary().toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(HamiCommand.EXIT_NATIVE_UNAVAILABLE);
        assertThat(run.err().lines().filter(l -> l.startsWith("hami node: ")).toList()).singleElement()
                .satisfies(l -> assertThat(l).startsWith("hami node: NVML not available: "));
        assertThat(run.out()).isEmpty();
        assertThat(tmp.resolve("d/dp/kubelet.sock")).doesNotExist();
        assertThat(client.nodes().withName("n").get().getMetadata().getLabels()).containsEntry("gpu", "on");
    }

    @Test
    void stopsAtOnceWhenStdinIsAlreadyClosed() throws Exception {
        var run = node("--nvml-library", NvmlMock.current().useProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES).library(),
                "--containers", "region-writer");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("READY {\"node\":\"n\",\"metrics\":\"http://127.0.0.1:");
        assertThat(tmp.resolve("d/dp/kubelet.sock")).doesNotExist();
        assertThat(tmp.resolve("d/dp/hami-nvidia.sock")).doesNotExist();
    }
}
