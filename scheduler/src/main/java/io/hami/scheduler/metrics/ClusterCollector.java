package io.hami.scheduler.metrics;

import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigRuntime;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.quota.QuotaBook;
import io.hami.scheduler.quota.QuotaEntry;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * HAMi's scheduler gauges (docs/scheduler.md, "Metrics"), read from the latest published snapshot at scrape time: per
 * device its limits and allocations, per namespace its device quotas, per scheduled pod what it holds. Every sample
 * carries {@code zone="vGPU"}. With {@code legacy}, the pre-2.8 names and label names are emitted too. Realized MIG
 * instances of {@code mode: mig} GPUs give one series each.
 */
final class ClusterCollector implements MultiCollector {

    private static final double MIB = 1024.0 * 1024.0;
    private static final String ZONE = "zone";
    private static final String VGPU = "vGPU";

    private final Supplier<ClusterSnapshot> snapshots;
    private final boolean legacy;

    ClusterCollector(Supplier<ClusterSnapshot> snapshots, boolean legacy) {
        this.snapshots = snapshots;
        this.legacy = legacy;
    }

    /** One gauge family being filled: name, help, label names (new and legacy), deduplicated samples. */
    private static final class Family {
        final String name;
        final String help;
        final String[] labels;
        final GaugeSnapshot.Builder builder;
        final Set<List<String>> seen = new HashSet<>();

        Family(String name, String help, String... labels) {
            this.name = name;
            this.help = help;
            this.labels = labels;
            this.builder = GaugeSnapshot.builder().name(name).help(help);
        }

        void add(double value, String... values) {
            if (!seen.add(List.of(values))) {
                return;
            }
            String[] names = new String[labels.length + 1];
            String[] vals = new String[labels.length + 1];
            System.arraycopy(labels, 0, names, 0, labels.length);
            System.arraycopy(values, 0, vals, 0, values.length);
            names[labels.length] = ZONE;
            vals[labels.length] = VGPU;
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of(names, vals))
                    .value(value).build());
        }
    }

    @Override
    public MetricSnapshots collect() {
        ClusterSnapshot snapshot = snapshots.get();
        var families = new LinkedHashMap<String, Family>();
        devices(snapshot, families, false);
        registerErrors(snapshot, families);
        quotas(snapshot.quotas(), families, false);
        pods(snapshot, families, false);
        if (legacy) {
            devices(snapshot, families, true);
            quotas(snapshot.quotas(), families, true);
            pods(snapshot, families, true);
        }
        var result = new ArrayList<MetricSnapshot>();
        for (Family f : families.values()) {
            result.add(f.builder.build());
        }
        return new MetricSnapshots(result);
    }

    private static Family family(Map<String, Family> families, String name, String help, String... labels) {
        return families.computeIfAbsent(name, k -> new Family(name, help, labels));
    }

    private static void devices(ClusterSnapshot snapshot, Map<String, Family> f, boolean legacy) {
        String node = legacy ? "nodeid" : "node";
        String uuid = legacy ? "deviceuuid" : "device_uuid";
        String index = legacy ? "deviceidx" : "device_index";
        String cores = legacy ? "devicecores" : "device_cores";
        String memLimit = legacy ? "devicememorylimit" : "device_memory_limit";
        String type = legacy ? "devicetype" : "device_type";
        Family memLimitF = family(f, legacy ? "GPUDeviceMemoryLimit" : "hami_gpu_memory_limit_bytes",
                "Device memory the scheduler may allocate, in bytes", node, uuid, index, type);
        Family coreLimitF = family(f, legacy ? "GPUDeviceCoreLimit" : "hami_gpu_core_limit_ratio",
                "Device compute the scheduler may allocate, in percent", node, uuid, index, type);
        Family memAllocF = family(f, legacy ? "GPUDeviceMemoryAllocated" : "hami_gpu_memory_allocated_bytes",
                "Device memory allocated to pods, in bytes", node, uuid, index, cores, type);
        Family sharedF = family(f, legacy ? "GPUDeviceSharedNum" : "hami_gpu_shared_count",
                "Containers sharing the device", node, uuid, index, type);
        Family coreAllocF = family(f, legacy ? "GPUDeviceCoreAllocated" : "hami_gpu_core_allocated_ratio",
                "Device compute allocated to pods, in percent", node, uuid, index, type);
        Family overviewF = family(f, legacy ? "nodeGPUOverview" : "hami_node_gpu_overview",
                "Device memory allocated to pods, in bytes, with the device's limits", node, uuid, index, cores,
                memLimit, type);
        Family ratioF = family(f, legacy ? "nodeGPUMemoryPercentage" : "hami_node_gpu_memory_allocated_ratio",
                "Allocated over allocatable device memory", node, uuid, index, type);
        for (NodeSnapshot n : snapshot.nodes()) {
            for (int i = 0; i < n.deviceCount(); i++) {
                DeviceSpec d = n.device(i);
                String idx = Integer.toString(d.index());
                String total = Integer.toString(d.totalCores());
                memLimitF.add(d.totalMem() * MIB, n.name(), d.id(), idx, d.model());
                coreLimitF.add(d.totalCores(), n.name(), d.id(), idx, d.model());
                memAllocF.add(n.usedMem(i) * MIB, n.name(), d.id(), idx, total, d.model());
                sharedF.add(n.used(i), n.name(), d.id(), idx, d.model());
                coreAllocF.add(n.usedCores(i), n.name(), d.id(), idx, d.model());
                overviewF.add(n.usedMem(i) * MIB, n.name(), d.id(), idx, total, Integer.toString(d.totalMem()),
                        d.model());
                if (d.totalMem() > 0) {
                    ratioF.add((double) n.usedMem(i) / d.totalMem(), n.name(), d.id(), idx, d.model());
                }
                if (d.isMig()) {
                    migInstances(f, n, i, legacy);
                }
            }
        }
    }

    /**
     * One sample per MIG instance of a {@code mode: mig} GPU that its device plugin has realized (a reservation with its
     * runtime ids): {@code hami_node_gpu_mig_instance_info}, or with {@code legacy} {@code nodeGPUMigInstance} whose
     * {@code migname} is the profile and the GPU instance id. The family appears with its first sample.
     */
    private static void migInstances(Map<String, Family> f, NodeSnapshot n, int i, boolean legacy) {
        DeviceSpec d = n.device(i);
        String idx = Integer.toString(d.index());
        for (MigAllocation a : n.migInUse(i)) {
            MigRuntime rt = a.runtime();
            if (rt == null) {
                continue;
            }
            if (legacy) {
                family(f, "nodeGPUMigInstance", "MIG instances realized on a GPU", "nodeid", "deviceuuid",
                        "deviceidx", "migname")
                        .add(1, n.name(), d.id(), idx, a.profile() + "-" + rt.gpuInstanceId());
            } else {
                family(f, "hami_node_gpu_mig_instance_info", "A realized MIG instance and where the scheduler placed it",
                        "node", "device_uuid", "device_index", "mig_uuid", "profile", "gpu_instance_id",
                        "compute_instance_id", "placement_start", "placement_size")
                        .add(1, n.name(), d.id(), idx, rt.migUuid(), a.profile(), Long.toString(rt.gpuInstanceId()),
                                Long.toString(rt.computeInstanceId()), Long.toString(a.placement().start()),
                                Long.toString(a.placement().size()));
            }
        }
    }

    /**
     * One sample per node and device type whose register annotation or capacity could not be read: that type's devices
     * are left out of the node (or keep their last readable list), the node's other types are unaffected.
     */
    private static void registerErrors(ClusterSnapshot snapshot, Map<String, Family> f) {
        Family errors = family(f, "hami_scheduler_register_errors",
                "Device types of a node left out because their registration could not be read", "node", "device_type");
        for (NodeSnapshot n : snapshot.nodes()) {
            n.inventory().problems().keySet().forEach(type -> errors.add(1, n.name(), type));
        }
    }

    private static void quotas(QuotaBook book, Map<String, Family> f, boolean legacy) {
        Family used = family(f, legacy ? "QuotaUsed" : "hami_resource_quota_used",
                "Device quota used by the namespace's scheduled pods", legacy ? "quotanamespace" : "namespace",
                legacy ? "quotaName" : "quota_name", "limit");
        Family limit = legacy ? null : family(f, "hami_resource_quota_limit", "Device quota limit of the namespace",
                "namespace", "quota_name");
        book.entries().forEach((ns, resources) -> resources.forEach((String resource, QuotaEntry e) -> {
            used.add(e.used(), ns, resource, e.limitSet() ? Long.toString(e.limit()) : "");
            if (limit != null && e.limitSet()) {
                limit.add(e.limit(), ns, resource);
            }
        }));
    }

    private static void pods(ClusterSnapshot snapshot, Map<String, Family> f, boolean legacy) {
        String[] labels = legacy ? new String[] {"podnamespace", "nodename", "podname", "containeridx", "deviceuuid"}
                : new String[] {"namespace", "node", "pod", "container_index", "device_uuid"};
        Family mem = family(f, legacy ? "vGPUMemoryAllocated" : "hami_vgpu_memory_allocated_bytes",
                "Device memory a pod holds, in bytes", labels);
        Family cores = family(f, legacy ? "vGPUCoreAllocated" : "hami_vgpu_core_allocated_ratio",
                "Device compute a pod holds, in percent", labels);
        for (PodUsage p : snapshot.pods()) {
            for (List<DeviceUse> uses : p.devices().values()) {
                for (DeviceUse u : uses) {
                    mem.add(u.mem() * MIB, p.namespace(), p.node(), p.name(), "0", u.uuid());
                    cores.add(u.cores(), p.namespace(), p.node(), p.name(), "0", u.uuid());
                }
            }
        }
    }
}
