package io.hami.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.http.HttpLimits;
import io.hami.http.HttpListener;
import io.hami.http.Routes;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigRuntime;
import io.hami.scheduler.Devices;
import io.hami.scheduler.Kube;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.NodeInventory;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HAMi's metrics_test scenarios (docs/scheduler.md, "Metrics") on the exposition text. */
class SchedulerMetricsTest {

    static ClusterSnapshot cluster() {
        var b = ClusterSnapshot.builder(Devices.TYPES);
        DeviceSpec a100 = new DeviceSpec(Devices.NVIDIA, "GPU-a", 0, 10, 40960, 100, "NVIDIA A100-SXM4-40GB", 0,
                "hami-core", true, List.of(), null, "");
        DeviceSpec empty = new DeviceSpec(Devices.NVIDIA, "GPU-z", 1, 10, 0, 100, "NVIDIA X", 0, "hami-core", true,
                List.of(), null, "");
        b.putNode(new NodeInventory("n1", List.of(a100, empty), Map.of(), Set.of(), Map.of(), false));
        b.putPod(new PodUsage("u1", "team", "p1", "n1", Map.of("nvidia", List.of(new DeviceUse("GPU-a", 16384, 30,
                1))), false));
        b.putQuota(Kube.quota("team", "q", "limits.nvidia.com/gpumem", "20000"));
        return b.build();
    }

    static String scrape(SchedulerMetrics metrics) throws Exception {
        var out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape(), EscapingScheme.ALLOW_UTF8);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deviceQuotaAndPodSeriesWithHamisNamesAndLabels() throws Exception {
        String text = scrape(new SchedulerMetrics(SchedulerMetricsTest::cluster, false, Map.of("version", "0.1.0")));
        String dev = "device_index=\"0\",device_type=\"NVIDIA A100-SXM4-40GB\",device_uuid=\"GPU-a\",node=\"n1\","
                + "zone=\"vGPU\"";
        assertThat(text).contains("hami_gpu_memory_limit_bytes{" + dev + "} 4.294967296E10");
        assertThat(text).contains("hami_gpu_core_limit_ratio{" + dev + "} 100.0");
        assertThat(text).contains("hami_gpu_memory_allocated_bytes{device_cores=\"100\"," + dev + "} 1.7179869184E10");
        assertThat(text).contains("hami_gpu_shared_count{" + dev + "} 1.0");
        assertThat(text).contains("hami_gpu_core_allocated_ratio{" + dev + "} 30.0");
        assertThat(text).contains("hami_node_gpu_overview{device_cores=\"100\",device_index=\"0\","
                + "device_memory_limit=\"40960\",device_type=\"NVIDIA A100-SXM4-40GB\",device_uuid=\"GPU-a\","
                + "node=\"n1\",zone=\"vGPU\"} 1.7179869184E10");
        assertThat(text).contains("hami_node_gpu_memory_allocated_ratio{" + dev + "} 0.4");
        assertThat(text).as("no ratio for a device without memory")
                .doesNotContain("hami_node_gpu_memory_allocated_ratio{device_index=\"1\"");
        assertThat(text).contains("hami_resource_quota_used{limit=\"20000\",namespace=\"team\","
                + "quota_name=\"nvidia.com/gpumem\",zone=\"vGPU\"} 16384.0");
        assertThat(text).contains("hami_resource_quota_limit{namespace=\"team\",quota_name=\"nvidia.com/gpumem\","
                + "zone=\"vGPU\"} 20000.0");
        assertThat(text).as("cores are used but have no limit").contains("hami_resource_quota_used{limit=\"\","
                + "namespace=\"team\",quota_name=\"nvidia.com/gpucores\",zone=\"vGPU\"} 30.0")
                .doesNotContain("quota_name=\"nvidia.com/gpucores\",zone=\"vGPU\"} 0.0");
        assertThat(text).contains("hami_vgpu_memory_allocated_bytes{container_index=\"0\",device_uuid=\"GPU-a\","
                + "namespace=\"team\",node=\"n1\",pod=\"p1\",zone=\"vGPU\"} 1.7179869184E10");
        assertThat(text).contains("hami_vgpu_core_allocated_ratio{container_index=\"0\",device_uuid=\"GPU-a\","
                + "namespace=\"team\",node=\"n1\",pod=\"p1\",zone=\"vGPU\"} 30.0");
        assertThat(text).contains("hami_build_info{version=\"0.1.0\"} 1");
        assertThat(text).doesNotContain("GPUDeviceMemoryLimit");
    }

    @Test
    void aTypeWhoseRegistrationIsUnreadableIsCountedPerNodeAndTheOthersStay() throws Exception {
        var b = ClusterSnapshot.builder(Devices.TYPES);
        DeviceSpec a100 = new DeviceSpec(Devices.NVIDIA, "GPU-a", 0, 10, 40960, 100, "NVIDIA A100-SXM4-40GB", 0,
                "hami-core", true, List.of(), null, "");
        b.putNode(new NodeInventory("n1", List.of(a100), Map.of("biren", "node-register: not valid JSON"), Set.of(),
                Map.of(), false));
        ClusterSnapshot snapshot = b.build();
        String text = scrape(new SchedulerMetrics(() -> snapshot, false, Map.of()));
        assertThat(text).contains("hami_scheduler_register_errors{device_type=\"biren\",node=\"n1\",zone=\"vGPU\"} 1.0")
                .contains("hami_gpu_memory_limit_bytes{device_index=\"0\"");
    }

    /** A MIG GPU holding one realized instance and one the device plugin has not created yet. */
    static ClusterSnapshot migCluster() {
        var b = ClusterSnapshot.builder(Devices.TYPES);
        b.putNode(new NodeInventory("n1", List.of(new DeviceSpec(Devices.NVIDIA, "GPU-parent", 0, 7, 40960, 100,
                "NVIDIA A100", 0, "mig", true, List.of(), null, "")), Map.of(), Set.of(), Map.of(), false));
        var realized = new MigAllocation(0, 0, "GPU-parent", "2g.10gb", new MigPlacement(0, 2),
                new MigRuntime("MIG-runtime", 4, 0));
        var pending = new MigAllocation(1, 0, "GPU-parent", "1g.5gb", new MigPlacement(6, 1), null);
        b.putPod(new PodUsage("u1", "team", "p1", "n1", Map.of("nvidia", List.of(new DeviceUse("GPU-parent", 15104,
                43, 2))), false, "", Optional.empty(), List.of(realized, pending), ""));
        return b.build();
    }

    @Test
    void realizedMigInstancesOnlyWithTheirIdentityAndPlacement() throws Exception {
        String text = scrape(new SchedulerMetrics(SchedulerMetricsTest::migCluster, true, Map.of()));
        assertThat(text).contains("hami_node_gpu_mig_instance_info{compute_instance_id=\"0\",device_index=\"0\","
                + "device_uuid=\"GPU-parent\",gpu_instance_id=\"4\",mig_uuid=\"MIG-runtime\",node=\"n1\","
                + "placement_size=\"2\",placement_start=\"0\",profile=\"2g.10gb\",zone=\"vGPU\"} 1.0\n");
        assertThat(text).contains("nodeGPUMigInstance{deviceidx=\"0\",deviceuuid=\"GPU-parent\","
                + "migname=\"2g.10gb-4\",nodeid=\"n1\",zone=\"vGPU\"} 1.0\n");
        assertThat(text).doesNotContain("1g.5gb");
        assertThat(scrape(new SchedulerMetrics(SchedulerMetricsTest::cluster, true, Map.of())))
                .doesNotContain("mig_instance").doesNotContain("MigInstance");
    }

    @Test
    void legacyNamesOnlyWhenAsked() throws Exception {
        String text = scrape(new SchedulerMetrics(SchedulerMetricsTest::cluster, true, Map.of()));
        assertThat(text).contains("GPUDeviceMemoryLimit{deviceidx=\"0\",devicetype=\"NVIDIA A100-SXM4-40GB\","
                + "deviceuuid=\"GPU-a\",nodeid=\"n1\",zone=\"vGPU\"} 4.294967296E10");
        assertThat(text).contains("QuotaUsed{limit=\"20000\",quotaName=\"nvidia.com/gpumem\",quotanamespace=\"team\","
                + "zone=\"vGPU\"} 16384.0");
        assertThat(text).contains("vGPUCoreAllocated{containeridx=\"0\",deviceuuid=\"GPU-a\",nodename=\"n1\","
                + "podname=\"p1\",podnamespace=\"team\",zone=\"vGPU\"} 30.0");
        assertThat(text).contains("hami_gpu_memory_limit_bytes{");
    }

    @Test
    void filterLatencyAndFailureReasons() throws Exception {
        var metrics = new SchedulerMetrics(() -> ClusterSnapshot.empty(Devices.TYPES), false, Map.of());
        metrics.filtered(Duration.ofMillis(2), "unschedulable", List.of("CardInsufficientMemory", "node unregistered"));
        metrics.filtered(Duration.ofMillis(1), "unschedulable", List.of("CardInsufficientMemory"));
        metrics.filtered(Duration.ofMillis(1), "scheduled", List.of());
        metrics.bound(Duration.ofMillis(3), true);
        String text = scrape(metrics);
        assertThat(text).contains("hami_scheduler_filter_failures_total{reason=\"CardInsufficientMemory\"} 2.0");
        assertThat(text).contains("hami_scheduler_filter_failures_total{reason=\"node unregistered\"} 1.0");
        assertThat(text).contains("hami_scheduler_filter_duration_seconds_count{outcome=\"unschedulable\"} 2");
        assertThat(text).contains("hami_scheduler_filter_duration_seconds_bucket{outcome=\"scheduled\",le=\"0.001\"} 1");
        assertThat(text).contains("hami_scheduler_bind_duration_seconds_count{result=\"success\"} 1");
    }

    @Test
    void servedOverHttp() throws Exception {
        var metrics = new SchedulerMetrics(SchedulerMetricsTest::cluster, false, Map.of());
        try (var server = HttpListener.start("metrics", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.empty(), HttpLimits.forQueries(), Map.of("/metrics", Routes.metrics(metrics.registry())));
             var http = HttpClient.newHttpClient()) {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("hami_gpu_shared_count{");
        }
    }
}
