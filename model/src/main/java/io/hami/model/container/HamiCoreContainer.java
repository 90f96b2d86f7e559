package io.hami.model.container;

import io.hami.model.device.ContainerDevices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one place that turns a container's allocation into HAMi-core's environment and mounts, as HAMi
 * v2.10's device plugin answers kubelet's {@code Allocate} (NVIDIA, {@code hami-core} mode). A pure
 * function: the device plugin and the runtime shim both call it, so a container gets the same view
 * whichever of them injects it.
 *
 * <ul>
 *   <li>{@code NVIDIA_VISIBLE_DEVICES}: the allocated UUIDs, de-duplicated, in allocation order;</li>
 *   <li>{@code CUDA_DEVICE_MEMORY_LIMIT_<i>}: {@code <MiB>m} for the i-th device (plain decimal: libvgpu
 *       reads a leading 0 as octal);</li>
 *   <li>{@code CUDA_DEVICE_SM_LIMIT}: the cores of device 0 (HAMi writes no per-device variant);</li>
 *   <li>{@code CUDA_DEVICE_MEMORY_SHARED_CACHE}: {@code <vgpuDir>/<cache id>.cache}, a fresh name per allocation;</li>
 *   <li>{@code CUDA_OVERSUBSCRIBE}, {@code LIBCUDA_LOG_LEVEL}, {@code GPU_CORE_UTILIZATION_POLICY} from the settings;</li>
 *   <li>mounts: {@code libvgpu.so} (read-only), the per-container directory at {@code <vgpuDir>} (writable),
 *       {@code /tmp/vgpulock}, and {@code /etc/ld.so.preload} unless control is disabled.</li>
 * </ul>
 */
public final class HamiCoreContainer {
    /** HAMi-core's {@code CUDA_DEVICE_MAX_COUNT}: limits exist for device indexes 0..15 only. */
    public static final int MAX_DEVICES = 16;

    public static final String VISIBLE_DEVICES = "NVIDIA_VISIBLE_DEVICES";
    public static final String MEMORY_LIMIT_PREFIX = "CUDA_DEVICE_MEMORY_LIMIT_";
    public static final String SM_LIMIT = "CUDA_DEVICE_SM_LIMIT";
    public static final String SHARED_CACHE = "CUDA_DEVICE_MEMORY_SHARED_CACHE";
    public static final String OVERSUBSCRIBE = "CUDA_OVERSUBSCRIBE";
    public static final String LOG_LEVEL = "LIBCUDA_LOG_LEVEL";
    public static final String CORE_POLICY = "GPU_CORE_UTILIZATION_POLICY";
    /** Set in a container's own env to skip {@code /etc/ld.so.preload} (read by the device plugin, not by libvgpu). */
    public static final String DISABLE_CONTROL = "CUDA_DISABLE_CONTROL";
    public static final String VGPU_LOCK_DIR = "/tmp/vgpulock";
    public static final String LD_SO_PRELOAD = "/etc/ld.so.preload";

    private static final Pattern CACHE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private HamiCoreContainer() {
    }

    /**
     * The environment and mounts of one container.
     *
     * @param devices        the container's entry of {@code …-devices-to-allocate}: 1..16 devices
     * @param id             the pod and container, naming the per-container directory
     * @param settings       the node's HAMi-core settings
     * @param cacheId        a random UUID (lower-case) naming the region file; the caller draws it, so this stays pure
     * @param disableControl the container asked for {@code CUDA_DISABLE_CONTROL} (Go-bool true): no {@code ld.so.preload}
     * @throws IllegalArgumentException when the entry is empty, holds more than 16 devices, or the cache id is not a UUID
     */
    public static ContainerSpec spec(ContainerDevices devices, ContainerIdentity id, HamiCoreSettings settings,
            String cacheId, boolean disableControl) {
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(settings, "settings");
        var list = devices.devices();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("devices: a HAMi-core container needs at least one device");
        }
        if (list.size() > MAX_DEVICES) {
            throw new IllegalArgumentException("devices: HAMi-core limits at most " + MAX_DEVICES + " devices, got " + list.size());
        }
        if (cacheId == null || !CACHE_ID.matcher(cacheId).matches()) {
            throw new IllegalArgumentException("cacheId: not a lower-case UUID: " + cacheId);
        }
        var vgpu = settings.vgpuDir();
        var env = new LinkedHashMap<String, String>();
        var uuids = new LinkedHashSet<String>();
        list.forEach(d -> uuids.add(d.uuid()));
        env.put(VISIBLE_DEVICES, String.join(",", uuids));
        for (int i = 0; i < list.size(); i++) {
            env.put(MEMORY_LIMIT_PREFIX + i, list.get(i).usedMem() + "m");
        }
        env.put(SM_LIMIT, Integer.toString(list.getFirst().usedCores()));
        env.put(SHARED_CACHE, vgpu + "/" + cacheId + ".cache");
        if (settings.oversubscribe()) {
            env.put(OVERSUBSCRIBE, "true");
        }
        settings.libCudaLogLevel().ifPresent(level -> env.put(LOG_LEVEL, level.toString()));
        if (settings.disableCoreLimit()) {
            env.put(CORE_POLICY, "disable");
        }
        var mounts = new ArrayList<Mount>();
        mounts.add(new Mount(vgpu, settings.hostContainerDir(id), false));
        mounts.add(new Mount(vgpu + "/libvgpu.so", settings.libvgpuHostFile(), true));
        mounts.add(new Mount(VGPU_LOCK_DIR, VGPU_LOCK_DIR, false));
        if (!disableControl) {
            mounts.add(new Mount(LD_SO_PRELOAD, vgpu + "/ld.so.preload", true));
        }
        return new ContainerSpec(env, mounts);
    }

    /** The memory limit variable of device {@code i}, e.g. {@code CUDA_DEVICE_MEMORY_LIMIT_0}. */
    public static String memoryLimitVariable(int i) {
        if (i < 0 || i >= MAX_DEVICES) {
            throw new IllegalArgumentException("device index must lie in 0.." + (MAX_DEVICES - 1) + ": " + i);
        }
        return MEMORY_LIMIT_PREFIX + i;
    }
}
