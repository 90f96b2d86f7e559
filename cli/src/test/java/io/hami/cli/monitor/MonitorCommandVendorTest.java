package io.hami.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.mock.VendorMock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hami monitor --vendor V --library L} in-process against the fabric8 mock API server: the flags reach the
 * daemon, whose host series are then the vendor's devices, with the vendor's library named in the error counter.
 */
@EnableKubernetesMockClient(crud = true)
class MonitorCommandVendorTest {
    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void theVendorAndLibraryFlagsMakeTheHostSeriesThatVendorsDevices() throws Exception {
        var library = VendorMock.CAMBRICON.library().useProfile(VendorMock.MACHINE);
        var kubeconfig = Kubeconfigs.write(dir, client.getMasterUrl().toString(), "token");
        var command = new MonitorCommand();
        new CommandLine(command).parseArgs("--node-name", "node-1", "--kubeconfig", kubeconfig.toString(),
                "--hook-path", Files.createDirectories(dir.resolve("vgpu/containers")).getParent().toString(),
                "--metrics-bind-address", "127.0.0.1:0", "--mig-apply-lock", dir.resolve("mig.lock").toString(),
                "--vendor", "cambricon", "--library", library.library());
        try (var daemon = command.start()) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + daemon.port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body())
                    .contains("hami_host_gpu_memory_used_bytes{device_index=\"0\",device_type=\"MLU370-X8\","
                            + "device_uuid=\"MLU-7f3a1c20-1b2d-4e5f-8a9b-0c1d2e3f4a50\",node=\"node-1\",zone=\"vGPU\"} 6.442450944E9")
                    .contains("hami_host_gpu_utilization_ratio{device_index=\"3\",device_type=\"MLU370-X8\","
                            + "device_uuid=\"MLU-7f3a1c20-1b2d-4e5f-8a9b-0c1d2e3f4a53\",node=\"node-1\",zone=\"vGPU\"} 0.0")
                    .contains("hami_monitor_collect_errors_total{reason=\"cndev\"} 0.0")
                    .doesNotContain("hami_host_gpu_memory_controller_utilization_ratio{", "reason=\"nvml\"");
        }
        assertThat(library.initCount()).isZero();
    }
}
