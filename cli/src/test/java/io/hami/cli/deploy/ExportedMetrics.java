package io.hami.cli.deploy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.hami.bindings.nvml.Nvml;
import io.hami.monitor.Monitor;
import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.metrics.BuildInfo;
import io.hami.monitor.metrics.HostGpus;
import io.hami.monitor.pods.PodSource;
import io.hami.monitor.pods.PodView;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.NodeInventory;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceTypes;
import io.hami.testfixtures.nvml.FakeNvml;
import io.hami.testfixtures.region.RegionWriterFixture;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The series names our daemons really export, read from scrapes: the scheduler's registry over a one-node cluster
 * with a scheduled pod and a quota, after a filter and a bind call (one that waited for a node lock); the node
 * monitor's after one pass over the NVML fake and a region written by the C writer for a pod of that node. Every family that has samples is seen under the
 * names Prometheus stores (histograms as {@code _bucket}/{@code _sum}/{@code _count}, counters as {@code _total}).
 */
final class ExportedMetrics {
    private static final String GPU = "GPU-0fc3eda5-0000-4000-8000-000000000000"; // the C writer's first device
    private static final String UID = "0000002a-0000-4000-8000-00000000002a";

    private ExportedMetrics() {
    }

    static Set<String> scrapeAll(Path hook) throws Exception {
        var names = new TreeSet<String>();
        names.addAll(names(scheduler()));
        names.addAll(monitor(hook));
        return names;
    }

    static PrometheusRegistry scheduler() {
        var types = DeviceTypes.defaults();
        var nvidia = types.byId("nvidia").orElseThrow();
        var b = ClusterSnapshot.builder(types);
        b.putNode(new NodeInventory("gpu-node", List.of(new DeviceSpec(nvidia, "GPU-1", 0, 4, 81920, 100,
                "NVIDIA H100", 0, "hami-core", true, List.of(), null, "")), Map.of(), Set.of(), Map.of(), false));
        b.putPod(new PodUsage("uid-1", "ml", "train", "gpu-node", Map.of("nvidia", List.of(new DeviceUse("GPU-1", 20480,
                50, 1))), false));
        b.putQuota(new ResourceQuotaBuilder().withNewMetadata().withNamespace("ml").withName("gpu").endMetadata()
                .withNewSpec().addToHard("limits.nvidia.com/gpumem", new Quantity("40960")).endSpec().build());
        var snapshot = b.build();
        var metrics = new SchedulerMetrics(() -> snapshot, false, Map.of("version", "test"));
        metrics.filtered(Duration.ofMillis(2), "unschedulable", List.of("CardInsufficientMemory"));
        metrics.bound(Duration.ofMillis(3), true);
        metrics.lockWaited(Duration.ofMillis(40), "acquired"); // a bind that found the node lock held
        return metrics.registry();
    }

    static Set<String> monitor(Path hook) throws IOException {
        var dir = hook.resolve("containers").resolve(UID + "_cuda");
        Files.createDirectories(dir);
        RegionWriterFixture.on(dir.resolve("region.cache"))
                .create("1.2", "--limit", "0=3000000000", "--sm-limit", "0=30", "--priority", "0", "--devices", "1")
                .run("register", "101", "4242").run("alloc", "101", "0", "1048576", "data")
                .run("alloc", "101", "0", "2097152", "context").run("alloc", "101", "0", "4194304", "module")
                .run("watch", "4242", "0", "0", "35").run("kernel", "1767225500");
        var pod = PodView.ofGpuContainers(UID, "ml", "train", List.of("cuda"), Optional.of(GPU + ",NVIDIA,3000,30:;"),
                Optional.empty());
        var config = MonitorConfig.load(Map.of("node-name", "gpu-node", "hook-path", hook.toString(),
                "metrics-bind-address", "127.0.0.1:0", "mig-apply-lock", hook.resolve("mig.lock").toString()),
                Map.of(), Optional.empty());
        var host = new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys")));
        try (var monitor = new Monitor(config, PodSource.of(List.of(pod)), host, Clock.systemUTC(),
                new BuildInfo("test", "abc", "2026-01-01", "java25", "linux/amd64"))) {
            monitor.runPass();
            return names(monitor.registry());
        }
    }

    /** The series names of one scrape in Prometheus's text format. */
    static Set<String> names(PrometheusRegistry registry) throws IOException {
        var out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        var names = new TreeSet<String>();
        for (var line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
