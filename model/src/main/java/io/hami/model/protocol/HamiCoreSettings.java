package io.hami.model.protocol;

import java.nio.file.Path;
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
 * @param lockHostDir      the host directory mounted at {@link HamiCoreView#VGPU_LOCK_DIR} (HAMi: the same path)
 */
public record HamiCoreSettings(
        String hookPath,
        String libvgpuHostFile,
        boolean oversubscribe,
        Optional<Integer> libCudaLogLevel,
        boolean disableCoreLimit,
        String lockHostDir) {

    public HamiCoreSettings {
        Mount.requireAbsolute(hookPath, "hookPath");
        Mount.requireAbsolute(libvgpuHostFile, "libvgpuHostFile");
        Mount.requireAbsolute(lockHostDir, "lockHostDir");
        new HamiCoreOptions(oversubscribe, libCudaLogLevel, disableCoreLimit); // checks the level
    }

    /** Settings whose lock directory is HAMi's, {@code /tmp/vgpulock} on the host as in the container. */
    public HamiCoreSettings(String hookPath, String libvgpuHostFile, boolean oversubscribe, Optional<Integer> libCudaLogLevel,
            boolean disableCoreLimit) {
        this(hookPath, libvgpuHostFile, oversubscribe, libCudaLogLevel, disableCoreLimit, HamiCoreView.VGPU_LOCK_DIR);
    }

    /** The optional variables these settings add to every container. */
    public HamiCoreOptions options() {
        return new HamiCoreOptions(oversubscribe, libCudaLogLevel, disableCoreLimit);
    }

    /** These settings with {@code options} in place of their own optional variables (a lockless container's, from its record). */
    public HamiCoreSettings withOptions(HamiCoreOptions options) {
        return new HamiCoreSettings(hookPath, libvgpuHostFile, options.oversubscribe(), options.libCudaLogLevel(),
                options.disableCoreLimit(), lockHostDir);
    }

    /** These settings with the lock directory at {@code lockHostDir} on the host. */
    public HamiCoreSettings withLockHostDir(String lockHostDir) {
        return new HamiCoreSettings(hookPath, libvgpuHostFile, oversubscribe, libCudaLogLevel, disableCoreLimit, lockHostDir);
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
        return ContainerDirectories.of(Path.of(vgpuDir()), id).toString();
    }
}
