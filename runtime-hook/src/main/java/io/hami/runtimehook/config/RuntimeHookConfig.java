package io.hami.runtimehook.config;

import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.vendor.DeviceNodes;
import io.hami.runtimehook.device.DriverInfoDeviceResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the runtime shim, the hook and the CDI generator behave on this node; built once (see
 * {@link ConfigFile}) and passed down. Every host path here comes from the node's operator, never from a pod:
 * these are the only host paths the shim ever mounts or creates.
 *
 * @param runtime         the real OCI runtime: an absolute path, or a bare name looked up in {@code PATH}
 * @param settings        where HAMi-core lives on the host ({@code hookPath}, {@code libvgpu.so})
 * @param vgpuLockDir     the host directory mounted at {@code /tmp/vgpulock} (HAMi: {@code /tmp/vgpulock})
 * @param devRoot         the host directory holding the device nodes ({@code /dev}; a test points it elsewhere)
 * @param deviceNodes     the vendor's node names: shared control nodes and the per-device pattern
 * @param nvmlLibrary     the NVML library that resolves a GPU UUID to its minor number when the driver's files do not
 * @param driverInfoDir   the driver's per-GPU directories ({@code /proc/driver/nvidia/gpus}), read before NVML is loaded
 * @param hookCommand     the absolute path of the {@code hami} command the {@code createRuntime} hook runs; empty: add no hook
 * @param startHook       whether the shim adds the {@code createRuntime} hook, which repeats its device checks when the
 *                        runtime creates the container (a second JVM per start); without it the shim makes the
 *                        hook's checks and writes its record itself, in its own JVM
 * @param hookTimeout     the hook's timeout in seconds
 * @param stateDir        where the hook records what it did, one file per container
 * @param configFile      the file this was read from, passed on to the hook; empty for the built-in defaults
 * @param allocationWait  how long the shim waits for a lockless container's record in the allocation store
 */
public record RuntimeHookConfig(
        String runtime,
        HamiCoreSettings settings,
        Path vgpuLockDir,
        Path devRoot,
        DeviceNodes deviceNodes,
        String nvmlLibrary,
        Path driverInfoDir,
        Optional<Path> hookCommand,
        boolean startHook,
        int hookTimeout,
        Path stateDir,
        Optional<Path> configFile,
        Duration allocationWait) {

    /** How long the shim waits for a lockless container's allocation record unless the file says otherwise. */
    public static final Duration DEFAULT_ALLOCATION_WAIT = Duration.ofSeconds(20);

    /**
     * A configuration with the default {@link #DEFAULT_ALLOCATION_WAIT}, the driver's usual per-GPU directory and no
     * start hook.
     */
    public RuntimeHookConfig(String runtime, HamiCoreSettings settings, Path vgpuLockDir, Path devRoot,
                             DeviceNodes deviceNodes, String nvmlLibrary, Optional<Path> hookCommand, int hookTimeout,
                             Path stateDir, Optional<Path> configFile) {
        this(runtime, settings, vgpuLockDir, devRoot, deviceNodes, nvmlLibrary, Path.of(DriverInfoDeviceResolver.DEFAULT_DIR),
                hookCommand, false, hookTimeout, stateDir, configFile, DEFAULT_ALLOCATION_WAIT);
    }

    public RuntimeHookConfig {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(settings, "settings");
        absolute(vgpuLockDir, "vgpuLockDir");
        settings = Objects.requireNonNull(settings, "settings").withLockHostDir(vgpuLockDir.toString());
        absolute(devRoot, "devRoot");
        Objects.requireNonNull(deviceNodes, "deviceNodes");
        Objects.requireNonNull(nvmlLibrary, "nvmlLibrary");
        absolute(driverInfoDir, "driverInfoDir");
        if (Objects.requireNonNull(hookCommand, "hookCommand").isPresent()) {
            absolute(hookCommand.get(), "hookCommand");
        }
        if (hookTimeout < 1 || hookTimeout > 300) {
            throw new IllegalArgumentException("hookTimeout: must lie in 1..300 seconds: " + hookTimeout);
        }
        absolute(stateDir, "stateDir");
        if (Objects.requireNonNull(configFile, "configFile").isPresent()) {
            absolute(configFile.get(), "configFile");
        }
        Objects.requireNonNull(allocationWait, "allocationWait");
        if (allocationWait.isNegative() || allocationWait.compareTo(Duration.ofMinutes(2)) > 0) {
            throw new IllegalArgumentException("allocationWait: must lie in 0s..2m0s (kubelet gives a container create "
                    + "2 minutes): " + allocationWait);
        }
    }

    private static void absolute(Path path, String field) {
        Objects.requireNonNull(path, field);
        if (!path.isAbsolute() || !path.normalize().equals(path)) {
            throw new IllegalArgumentException(field + ": not a normalized absolute path: " + path);
        }
    }

    /** The host node of a container device path such as {@code /dev/nvidia0}: the same name under {@link #devRoot}. */
    public Path hostNode(String containerPath) {
        if (!containerPath.startsWith("/dev/") || containerPath.contains("..")) {
            throw new IllegalArgumentException("not a device path: " + containerPath);
        }
        return devRoot.resolve(containerPath.substring("/dev/".length()));
    }

    /** A copy with another hook command. */
    public RuntimeHookConfig withHookCommand(Optional<Path> command) {
        return new RuntimeHookConfig(runtime, settings, vgpuLockDir, devRoot, deviceNodes, nvmlLibrary, driverInfoDir, command,
                startHook, hookTimeout, stateDir, configFile, allocationWait);
    }

    /** A copy with another wait for allocation records. */
    public RuntimeHookConfig withAllocationWait(Duration wait) {
        return new RuntimeHookConfig(runtime, settings, vgpuLockDir, devRoot, deviceNodes, nvmlLibrary, driverInfoDir, hookCommand,
                startHook, hookTimeout, stateDir, configFile, wait);
    }
}
