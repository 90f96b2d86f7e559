package io.hami.scheduler;

import io.hami.model.config.DeviceConfig;
import io.hami.model.config.GpuCorePolicy;
import io.hami.model.config.NvidiaConfig;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.List;
import java.util.Optional;

/** Device configurations for tests. */
public final class Configs {

    private Configs() {
    }

    /** The chart defaults with another NVIDIA section. */
    public static DeviceTypes withNvidia(NvidiaConfig nvidia) {
        var d = DeviceConfig.defaults();
        return DeviceTypes.from(new DeviceConfig(Optional.of(nvidia), d.cambricon(), d.hygon(), d.metax(), d.mthreads(),
                d.iluvatars(), d.enflame(), d.kunlun(), d.awsneuron(), d.amd(), d.vastai(), d.biren(), d.vnpus()));
    }

    /** NVIDIA with {@code hami.io/*} resource names (as HAMi's scheduler tests name them). */
    public static NvidiaConfig hamiNames(int defaultMemory, int defaultCores, int memoryFactor) {
        return new NvidiaConfig("hami.io/gpu", "hami.io/gpumem", "hami.io/gpumem-percentage", "hami.io/gpucores",
                "hami.io/priority", false, defaultMemory, defaultCores, 1, memoryFactor, GpuCorePolicy.DEFAULT, "",
                List.of(), false, 10, 1.0, 1.0, 0, 1, false);
    }

    /** NVIDIA with the chart's names and these defaults. */
    public static NvidiaConfig nvidia(int defaultMemory, int defaultCores, int memoryFactor) {
        return new NvidiaConfig("nvidia.com/gpu", "nvidia.com/gpumem", "nvidia.com/gpumem-percentage",
                "nvidia.com/gpucores", "nvidia.com/priority", false, defaultMemory, defaultCores, 1, memoryFactor,
                GpuCorePolicy.DEFAULT, "", List.of(), false, 10, 1.0, 1.0, 0, 1, false);
    }

    /** A type of the default catalog. */
    public static DeviceType type(String id) {
        return DeviceTypes.defaults().byId(id).orElseThrow();
    }
}
