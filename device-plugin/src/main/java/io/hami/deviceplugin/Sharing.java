package io.hami.deviceplugin;

import io.hami.model.config.NvidiaConfig;
import java.util.Objects;
import java.util.Set;

/**
 * How the node's devices are shared: what the plugin registers and offers to kubelet.
 *
 * @param splitCount       containers per device, and kubelet slots per device
 * @param memoryScaling    factor on each device's registered memory; above 1 oversubscribes
 * @param coreScaling      factor on each device's registered compute
 * @param preconfiguredMiB memory registered for devices whose memory the library cannot tell; 0 for none
 * @param mode             the sharing mode the devices are registered with: one of {@link #MODES}, or {@link #MIG}
 *                         (NVIDIA GPUs partitioned by dynamic MIG, docs/vendors.md)
 * @param numaTopology     whether kubelet is told each device's NUMA node
 */
public record Sharing(int splitCount, double memoryScaling, double coreScaling, long preconfiguredMiB, String mode,
                      boolean numaTopology) {

    /** The sharing modes whose containers get HAMi-core's environment. */
    public static final Set<String> MODES = Set.of("hami-core", "mps");

    /** The mode of a node whose GPUs are partitioned by dynamic MIG: its containers get MIG devices, not HAMi-core. */
    public static final String MIG = "mig";

    public Sharing {
        if (splitCount < 1 || splitCount > 1000) {
            throw new IllegalArgumentException("deviceSplitCount must lie in 1..1000: " + splitCount);
        }
        if (!(memoryScaling > 0) || !Double.isFinite(memoryScaling)) {
            throw new IllegalArgumentException("deviceMemoryScaling must be positive: " + memoryScaling);
        }
        if (!(coreScaling > 0) || !Double.isFinite(coreScaling)) {
            throw new IllegalArgumentException("deviceCoreScaling must be positive: " + coreScaling);
        }
        if (preconfiguredMiB < 0) {
            throw new IllegalArgumentException("preConfiguredDeviceMemory must not be negative: " + preconfiguredMiB);
        }
        Objects.requireNonNull(mode, "mode");
        if (!MODES.contains(mode) && !MIG.equals(mode)) {
            throw new IllegalArgumentException("mode must be one of hami-core, mps, mig: " + mode);
        }
    }

    /** The sharing of the {@code nvidia:} section of {@code device-config.yaml}. */
    public static Sharing of(NvidiaConfig nvidia, String mode) {
        return new Sharing(nvidia.deviceSplitCount(), nvidia.deviceMemoryScaling(), nvidia.deviceCoreScaling(),
                nvidia.preConfiguredDeviceMemory(), mode, nvidia.enableNumaTopology());
    }
}
