package io.hami.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.race.AllocationAudit;
import io.hami.demo.workload.Workloads;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.vendor.Vendors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami demo --workload all-vendors --once}: examples/all-vendors.yaml on one node of each of the thirteen device
 * types (the eight whose plugin is their vendor's own publishing what that plugin would); every type gets a placed,
 * Running pod whose allocation annotation, decoded with the model's codec, names devices of its node.
 */
class AllVendorsDemoIT {

    @TempDir
    Path work;

    @Test
    void everyDeviceTypeGetsAPlacedPodWithAReadableAllocation() throws Exception {
        var pods = Workloads.load(DemoEndToEndIT.CHECKOUT.resolve("examples/all-vendors.yaml"));
        var settings = DemoCluster.Settings.of(work, HamiLauncher.currentJvm(),
                Fixtures.inCheckout(DemoEndToEndIT.CHECKOUT), NodeSpec.forWorkload(pods, 1)).withContainers("region-writer");
        try (var cluster = ClusterStarts.start(EmbeddedApiServer.start(work.resolve("api"), 0), settings)) {
            cluster.submit(pods, "default");
            cluster.awaitSettled(Duration.ofSeconds(60));
            var snapshot = cluster.snapshot();
            var live = cluster.api().client().pods().inNamespace("default").list().getItems();
            var typesPlaced = new TreeSet<String>();
            for (var pod : live) {
                var view = snapshot.pod("default", pod.getMetadata().getName()).orElseThrow();
                assertThat(view.phase()).as(pod.getMetadata().getName()).isEqualTo("Running");
                for (var type : Vendors.defaults().all()) {
                    String wire = pod.getMetadata().getAnnotations().get(type.annotations().devicesAllocated());
                    if (wire != null && !PodDevicesCodec.INSTANCE.decode(wire).containers().stream()
                            .allMatch(c -> c.isEmpty())) {
                        typesPlaced.add(type.id());
                    }
                }
            }
            // NVIDIA's and a machine of each other type the demo has: the thirteen vendors' sixteen types
            var everyType = new TreeSet<>(NodeSpec.vendorMachineTypes());
            everyType.add(NodeSpec.NVIDIA);
            assertThat(everyType).hasSize(16);
            assertThat(typesPlaced).isEqualTo(everyType);
            assertThat(snapshot.unplaced()).isEmpty();

            var audit = AllocationAudit.audit(snapshot, live, dirs(cluster));
            assertThat(audit.violations()).isEmpty();
            assertThat(audit.allocationsChecked()).isEqualTo(pods.size());
        }
    }

    private static Map<String, Path> dirs(DemoCluster cluster) {
        var dirs = new LinkedHashMap<String, Path>();
        cluster.nodes().forEach(n -> dirs.put(n.spec().name(), n.dir()));
        return dirs;
    }
}
