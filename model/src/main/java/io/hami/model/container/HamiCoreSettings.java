package io.hami.model.container;

import java.util.Objects;
import java.util.Optional;

/**
 * The node-wide settings that shape every HAMi-core container: where HAMi-core lives on the host and
 * which optional variables the device plugin adds.
 *
 * @param hookPath         the host directory holding {@code vgpu/} (HAMi's {@code HOOK_PATH}, chart default {@code /usr/local})
 * @param libvgpuHostFile  the host file mounted as {@code libvgpu.so} (HAMi prefers {@code libvgpu.so.<version>})
 * @param oversubscribe    {@code deviceMemoryScaling > 1}: HAMi then sets {@code CUDA_OVERSUBSCRIBE=true}
 * @param libCudaLogLevel  {@code LIBCUDA_LOG_LEVEL} (0..4), when configured
 * @param disableCoreLimit sets {@code GPU_CORE_UTILIZATION_POLICY=disable}
 */
public record HamiCoreSettings(
        String hookPath,
        String libvgpuHostFile,
        boolean oversubscribe,
        Optional<Integer> libCudaLogLevel,
        boolean disableCoreLimit) {

    public HamiCoreSettings {
        new Mount("/", Objects.requireNonNull(hookPath, "hookPath"), true);
        new Mount("/", Objects.requireNonNull(libvgpuHostFile, "libvgpuHostFile"), true);
        Objects.requireNonNull(libCudaLogLevel, "libCudaLogLevel").ifPresent(level -> {
            if (level < 0 || level > 4) {
                throw new IllegalArgumentException("libCudaLogLevel: must lie in 0..4: " + level);
            }
        });
    }

    /** HAMi's chart defaults: hook path {@code /usr/local}, {@code libvgpu.so} in {@code /usr/local/vgpu}, log level 1. */
    public static HamiCoreSettings chartDefaults() {
        return new HamiCoreSettings("/usr/local", "/usr/local/vgpu/libvgpu.so", false, Optional.of(1), false);
    }

    /**
     * The {@code vgpu} directory, {@code <hookPath>/vgpu}: on the host it holds HAMi-core, and HAMi uses the
     * same path inside the container for the per-container directory (libvgpu loads itself from
     * {@code /usr/local/vgpu/libvgpu.so}, which is this path under the chart default).
     */
    public String vgpuDir() {
        return (hookPath.endsWith("/") ? hookPath : hookPath + "/") + "vgpu";
    }

    /** The host directory of one container's region file: {@code <hookPath>/vgpu/containers/<podUID>_<name>}. */
    public String hostContainerDir(ContainerIdentity id) {
        return vgpuDir() + "/containers/" + id.directoryName();
    }
}
