package io.hami.model.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code nvidia:} section of {@code device-config.yaml}. Every component is named after its YAML key.
 *
 * <p>The scheduler and webhook read the resource names, {@code overwriteEnv}, the {@code default*} values,
 * {@code memoryFactor}, {@code gpuCorePolicy} and {@code runtimeClassName}; the device plugin reads the split,
 * scaling, log-level and NUMA values (which per-node plugin config may override) and {@code migProfileAllowlist}.
 * A key left out of the file takes the value of {@link #defaults()}.
 *
 * @param resourceCountName            vGPUs per container, {@code nvidia.com/gpu}
 * @param resourceMemoryName           MiB per vGPU, {@code nvidia.com/gpumem}
 * @param resourceMemoryPercentageName percent of each GPU's memory, {@code nvidia.com/gpumem-percentage}
 * @param resourceCoreName             percent of each GPU's SMs, {@code nvidia.com/gpucores}
 * @param resourcePriorityName         task priority, {@code nvidia.com/priority}
 * @param overwriteEnv                 webhook sets {@code NVIDIA_VISIBLE_DEVICES=none} in containers without a GPU
 * @param defaultMemory                MiB booked when a container asks neither memory nor a percentage; 0 books the whole card
 * @param defaultCores                 core percent booked when a container does not ask for cores
 * @param defaultGPUNum                vGPUs the webhook adds when a container asks memory or cores but no count; 0 adds none
 * @param memoryFactor                 MiB per unit of the memory resource
 * @param gpuCorePolicy                SM limit policy passed to containers
 * @param runtimeClassName             runtime class the webhook sets on GPU pods that have none; empty for none
 * @param migProfileAllowlist          MIG profiles the device plugin may create, per GPU model
 * @param disableCoreLimit             device plugin turns the SM limit off
 * @param deviceSplitCount             vGPUs each physical GPU is registered with
 * @param deviceMemoryScaling          factor on each GPU's registered memory; above 1 oversubscribes
 * @param deviceCoreScaling            factor on each GPU's registered cores (registered as 100 times this)
 * @param preConfiguredDeviceMemory    MiB to register for GPUs whose memory NVML cannot tell (unified memory); 0 for none
 * @param libCudaLogLevel              {@code LIBCUDA_LOG_LEVEL} for HAMi-core, 0 (errors) to 4 (debug)
 * @param enableNumaTopology           device plugin reports each GPU's NUMA node to the kubelet
 */
public record NvidiaConfig(
        String resourceCountName,
        String resourceMemoryName,
        String resourceMemoryPercentageName,
        String resourceCoreName,
        String resourcePriorityName,
        boolean overwriteEnv,
        int defaultMemory,
        int defaultCores,
        int defaultGPUNum,
        int memoryFactor,
        GpuCorePolicy gpuCorePolicy,
        String runtimeClassName,
        List<MigAllowlistEntry> migProfileAllowlist,
        boolean disableCoreLimit,
        int deviceSplitCount,
        double deviceMemoryScaling,
        double deviceCoreScaling,
        long preConfiguredDeviceMemory,
        int libCudaLogLevel,
        boolean enableNumaTopology) {

    public NvidiaConfig {
        Objects.requireNonNull(resourceCountName, "resourceCountName");
        Objects.requireNonNull(resourceMemoryName, "resourceMemoryName");
        Objects.requireNonNull(resourceMemoryPercentageName, "resourceMemoryPercentageName");
        Objects.requireNonNull(resourceCoreName, "resourceCoreName");
        Objects.requireNonNull(resourcePriorityName, "resourcePriorityName");
        Objects.requireNonNull(gpuCorePolicy, "gpuCorePolicy");
        Objects.requireNonNull(runtimeClassName, "runtimeClassName");
        migProfileAllowlist = List.copyOf(migProfileAllowlist);
    }

    /**
     * HAMi's built-in NVIDIA settings ({@code InitDefaultDevices}) with the chart's device-plugin values:
     * the {@code nvidia.com/*} names, one vGPU added by default, memory factor 1, ten vGPUs per GPU, no scaling,
     * log level 1, no MIG allowlist.
     */
    public static NvidiaConfig defaults() {
        return new NvidiaConfig("nvidia.com/gpu", "nvidia.com/gpumem", "nvidia.com/gpumem-percentage",
                "nvidia.com/gpucores", "nvidia.com/priority", false, 0, 0, 1, 1, GpuCorePolicy.DEFAULT, "",
                List.of(), false, 10, 1.0, 1.0, 0, 1, false);
    }

    /**
     * One {@code migProfileAllowlist} entry: the MIG profiles (such as {@code 1g.10gb}) allowed on GPUs whose
     * NVML model name is listed.
     *
     * @param models   GPU model names, e.g. {@code A100-SXM4-80GB}
     * @param profiles MIG profile names of the form {@code <n>g.<memory>}
     */
    public record MigAllowlistEntry(List<String> models, List<String> profiles) {
        public MigAllowlistEntry {
            models = List.copyOf(models);
            profiles = List.copyOf(profiles);
        }
    }
}
