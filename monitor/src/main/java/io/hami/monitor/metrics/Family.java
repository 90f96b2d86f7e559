package io.hami.monitor.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every gauge the monitor exports, with exactly HAMi v2.10's name, help text and label names. The legacy
 * families (HAMi before 2.6, and Volcano's vGPU monitor) are exported only with {@code --legacy-metrics};
 * each mirrors a current one with other names. Every family gets the constant label {@code zone="vGPU"}.
 */
public enum Family {
    HOST_MEMORY_USED("hami_host_gpu_memory_used_bytes", "GPU device memory usage in bytes", Labels.HOST),
    HOST_UTILIZATION("hami_host_gpu_utilization_ratio", "GPU core utilization ratio (0-100)", Labels.HOST),
    HOST_MEMORY_CONTROLLER_UTILIZATION("hami_host_gpu_memory_controller_utilization_ratio",
            "GPU memory controller utilization ratio (0-100)", List.of("device_index", "device_uuid", "device_type")),
    VGPU_MEMORY_USED("hami_vgpu_memory_used_bytes", "vGPU device memory usage in bytes", Labels.VGPU),
    VGPU_MEMORY_LIMIT("hami_vgpu_memory_limit_bytes", "vGPU device memory limit in bytes", Labels.VGPU),
    CONTAINER_DEVICE_MEMORY("hami_container_device_memory_bytes", "Container device memory usage in bytes", Labels.VGPU),
    CONTAINER_DEVICE_UTILIZATION("hami_container_device_utilization_ratio", "Container device SM utilization ratio", Labels.VGPU),
    CONTAINER_LAST_KERNEL("hami_container_last_kernel_elapsed_seconds", "Seconds since last kernel execution in container",
            Labels.VGPU),
    MIG_DEVICE_INFO("hami_mig_device_info", "MIG runtime identity for a container allocation", Labels.MIG),
    VGPU_MEMORY_CONTEXT("hami_vgpu_memory_context_bytes", "Container device memory context size in bytes", Labels.VGPU),
    VGPU_MEMORY_MODULE("hami_vgpu_memory_module_bytes", "Container device memory module size in bytes", Labels.VGPU),
    VGPU_MEMORY_BUFFER("hami_vgpu_memory_buffer_bytes", "Container device memory buffer size in bytes", Labels.VGPU),

    LEGACY_HOST_MEMORY_USED("HostGPUMemoryUsage", "GPU device memory usage", Labels.LEGACY_HOST),
    LEGACY_HOST_UTILIZATION("HostCoreUtilization", "GPU core utilization", Labels.LEGACY_HOST),
    LEGACY_VGPU_MEMORY_USED("vGPU_device_memory_usage_in_bytes", "vGPU device usage", Labels.LEGACY_VGPU),
    LEGACY_VGPU_MEMORY_LIMIT("vGPU_device_memory_limit_in_bytes", "vGPU device limit", Labels.LEGACY_VGPU),
    LEGACY_CONTAINER_MEMORY("Device_memory_desc_of_container", "Container device memory description",
            Labels.LEGACY_MEMORY),
    LEGACY_CONTAINER_UTILIZATION("Device_utilization_desc_of_container", "Container device utilization description",
            Labels.LEGACY_VGPU),
    LEGACY_CONTAINER_LAST_KERNEL("Device_last_kernel_of_container", "Container device last kernel description",
            Labels.LEGACY_VGPU),
    LEGACY_MIG_INFO("MigInfo", "Mig device information for container", Labels.LEGACY_MIG);

    /** The constant label every family carries. */
    public static final String ZONE = "zone";
    /** Its value. */
    public static final String ZONE_VALUE = "vGPU";

    private final String metricName;
    private final byte[] metricNameText;
    private final byte[] headerText;
    private final String help;
    private final List<String> labelNames;
    private final String[] exposedLabelNames;
    private final int[] exposedOrder;

    Family(String metricName, String help, List<String> labelNames) {
        this.metricName = metricName;
        this.metricNameText = metricName.getBytes(StandardCharsets.UTF_8);
        this.help = help;
        this.headerText = ("# HELP " + metricName + " " + help.replace("\\", "\\\\").replace("\n", "\\n") + "\n# TYPE "
                + metricName + " gauge\n").getBytes(StandardCharsets.UTF_8);
        this.labelNames = labelNames;
        // zone is label number labelNames.size(); the exposition lists the names sorted
        var all = new ArrayList<>(labelNames);
        all.add(ZONE);
        this.exposedOrder = IntStream.range(0, all.size()).boxed().sorted(Comparator.comparing(all::get))
                .mapToInt(Integer::intValue).toArray();
        this.exposedLabelNames = Arrays.stream(exposedOrder).mapToObj(all::get).toArray(String[]::new);
    }

    /** The name as exposed. */
    public String metricName() {
        return metricName;
    }

    /** The name as the text format writes it, UTF-8; shared, never modified. */
    byte[] metricNameText() {
        return metricNameText;
    }

    /** The family's {@code # HELP} and {@code # TYPE ... gauge} lines as the text format writes them; shared, never modified. */
    byte[] headerText() {
        return headerText;
    }

    /** The help text. */
    public String help() {
        return help;
    }

    /** The variable label names, in HAMi's order ({@code zone} comes on top). */
    public List<String> labelNames() {
        return labelNames;
    }

    /** The label names as exposed, {@code zone} included, sorted; shared, never modified. */
    String[] exposedLabelNames() {
        return exposedLabelNames;
    }

    /**
     * For each {@linkplain #exposedLabelNames() exposed} label, its position in {@link #labelNames()}, or
     * {@code labelNames().size()} for {@code zone}.
     */
    int[] exposedOrder() {
        return exposedOrder;
    }

    /** Whether the family is exported only with {@code --legacy-metrics}. */
    public boolean legacy() {
        return name().startsWith("LEGACY_");
    }

    /** The label name lists, apart so the constants above can share them. */
    private static final class Labels {
        static final List<String> HOST = List.of("node", "device_index", "device_uuid", "device_type");
        static final List<String> VGPU = List.of("namespace", "pod", "container", "vdevice_index", "device_uuid");
        static final List<String> MIG = List.of("namespace", "pod", "container", "vdevice_index", "device_uuid",
                "mig_uuid", "profile", "gpu_instance_id", "compute_instance_id");
        static final List<String> LEGACY_HOST = List.of("nodeid", "deviceidx", "deviceuuid", "devicetype");
        static final List<String> LEGACY_VGPU = List.of("podnamespace", "podname", "ctrname", "vdeviceid", "deviceuuid");
        static final List<String> LEGACY_MEMORY = List.of("podnamespace", "podname", "ctrname", "vdeviceid", "deviceuuid",
                "context", "module", "data", "offset");
        static final List<String> LEGACY_MIG = List.of("podnamespace", "podname", "ctrname", "vdeviceid", "deviceuuid",
                "instanceid");
    }
}
