package io.hami.model.protocol;

import io.hami.model.annotation.GoBool;
import io.hami.model.device.ContainerDevices;
import io.hami.model.wire.AsciiText;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a container sees of HAMi-core (docs/protocol.md, "HAMi-core container view"), as three pure functions
 * that the device plugin's {@code Allocate}, the runtime shim and a future DRA driver all call: the
 * {@linkplain #env environment} of an allocation, the {@linkplain #mounts mounts} of a container (they depend on
 * its identity and the node, not on its devices) and the {@linkplain #sharedCachePath shared-cache path} that
 * names its region file.
 *
 * <ul>
 *   <li>{@code NVIDIA_VISIBLE_DEVICES}: the allocated UUIDs, de-duplicated, in allocation order;</li>
 *   <li>{@code CUDA_DEVICE_MEMORY_LIMIT_<i>}: {@code <MiB>m} for the i-th device (plain decimal: libvgpu
 *       reads a leading 0 as octal);</li>
 *   <li>{@code CUDA_DEVICE_SM_LIMIT}: the cores of device 0 (HAMi writes no per-device variant);</li>
 *   <li>{@code CUDA_DEVICE_MEMORY_SHARED_CACHE}: {@code <vgpuDir>/<cache id>.cache}, a fresh name per allocation;</li>
 *   <li>{@code CUDA_OVERSUBSCRIBE}, {@code LIBCUDA_LOG_LEVEL}, {@code GPU_CORE_UTILIZATION_POLICY} from the settings;</li>
 *   <li>mounts: the per-container directory at {@code <vgpuDir>} (writable), {@code libvgpu.so} (read-only),
 *       the lock directory, and {@code /etc/ld.so.preload} unless control is disabled.</li>
 * </ul>
 */
public final class HamiCoreView {
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
    /**
     * The file that exists while the device plugin changes a GPU's MIG instances (dynamic MIG); the monitor pauses its
     * feedback while it exists (docs/protocol.md, "Host files").
     */
    public static final String MIG_APPLY_LOCK = "/tmp/hami/hami-mig-apply.lock";
    public static final String VGPU_LOCK_DIR = "/tmp/vgpulock";
    public static final String LD_SO_PRELOAD = "/etc/ld.so.preload";

    /** A region file name we accept in a container's env ends so: ours are {@code <uuid>.cache}, HAMi's plugins' alike. */
    private static final String CACHE_SUFFIX = ".cache";

    private HamiCoreView() {
    }

    /**
     * The environment and mounts of one container, as {@code Allocate} answers.
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
        return new ContainerSpec(env(devices, settings, sharedCachePath(settings, cacheId)), mounts(id, settings, disableControl));
    }

    /**
     * The variables of an allocation.
     *
     * @param sharedCache the region file's path in the container, from {@link #sharedCachePath}
     */
    public static Map<String, String> env(ContainerDevices devices, HamiCoreSettings settings, String sharedCache) {
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(settings, "settings");
        var list = devices.devices();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("devices: a HAMi-core container needs at least one device");
        }
        if (list.size() > MAX_DEVICES) {
            throw new IllegalArgumentException("devices: HAMi-core limits at most " + MAX_DEVICES + " devices, got " + list.size());
        }
        if (!isSharedCachePath(settings, sharedCache)) {
            throw new IllegalArgumentException("sharedCache: expected " + settings.vgpuDir() + "/<name>.cache: " + sharedCache);
        }
        var env = new LinkedHashMap<String, String>();
        var uuids = new LinkedHashSet<String>();
        for (var d : list) {
            uuids.add(d.uuid());
        }
        env.put(VISIBLE_DEVICES, String.join(",", uuids));
        for (int i = 0; i < list.size(); i++) {
            env.put(MEMORY_LIMIT_PREFIX + i, list.get(i).usedMem() + "m");
        }
        env.put(SM_LIMIT, Integer.toString(list.getFirst().usedCores()));
        env.put(SHARED_CACHE, sharedCache);
        if (settings.oversubscribe()) {
            env.put(OVERSUBSCRIBE, "true");
        }
        if (settings.libCudaLogLevel().isPresent()) {
            env.put(LOG_LEVEL, settings.libCudaLogLevel().get().toString());
        }
        if (settings.disableCoreLimit()) {
            env.put(CORE_POLICY, "disable");
        }
        return env;
    }

    /**
     * The mounts of a container, directories before the files mounted inside them: its own directory at
     * {@code <vgpuDir>}, {@code libvgpu.so}, the lock directory, and {@code /etc/ld.so.preload} unless
     * {@code disableControl}.
     */
    public static List<Mount> mounts(ContainerIdentity id, HamiCoreSettings settings, boolean disableControl) {
        Objects.requireNonNull(id, "id");
        var mounts = new ArrayList<Mount>();
        mounts.add(new Mount(settings.vgpuDir(), settings.hostContainerDir(id), Mount.Kind.DIRECTORY, false));
        mounts.addAll(nodeMounts(settings, disableControl));
        return List.copyOf(mounts);
    }

    /**
     * The mounts every HAMi-core container of the node shares, whoever it is: {@code libvgpu.so}, the lock
     * directory, and {@code /etc/ld.so.preload} unless {@code disableControl}. A node-wide CDI spec carries these.
     */
    public static List<Mount> nodeMounts(HamiCoreSettings settings, boolean disableControl) {
        var vgpu = settings.vgpuDir();
        var mounts = new ArrayList<Mount>();
        mounts.add(new Mount(vgpu + "/libvgpu.so", settings.libvgpuHostFile(), Mount.Kind.FILE, true));
        mounts.add(new Mount(VGPU_LOCK_DIR, settings.lockHostDir(), Mount.Kind.DIRECTORY, false));
        if (!disableControl) {
            mounts.add(new Mount(LD_SO_PRELOAD, vgpu + "/ld.so.preload", Mount.Kind.FILE, true));
        }
        return List.copyOf(mounts);
    }

    /**
     * The region file of a new allocation, {@code <vgpuDir>/<cacheId>.cache}.
     *
     * @param cacheId a random lower-case UUID the caller draws, so that this stays pure
     */
    public static String sharedCachePath(HamiCoreSettings settings, String cacheId) {
        if (cacheId == null || !AsciiText.isLowerUuid(cacheId)) {
            throw new IllegalArgumentException("cacheId: not a lower-case UUID: " + cacheId);
        }
        return settings.vgpuDir() + "/" + cacheId + ".cache";
    }

    /** Whether {@code path} names a region file directly in {@code <vgpuDir>}, as an allocation may carry it. */
    public static boolean isSharedCachePath(HamiCoreSettings settings, String path) {
        if (path == null) {
            return false;
        }
        int slash = path.lastIndexOf('/');
        return slash > 0 && path.substring(0, slash).equals(settings.vgpuDir()) && isCacheFileName(path.substring(slash + 1));
    }

    /**
     * Whether a container's own {@code CUDA_DISABLE_CONTROL} value turns control off: a Go {@code true}
     * ({@code strconv.ParseBool}); a missing or unreadable value keeps control, as HAMi's plugin reads it.
     */
    public static boolean disablesControl(String value) {
        if (value == null) {
            return false;
        }
        try {
            return GoBool.INSTANCE.decode(value);
        } catch (WireFormatException e) {
            return false;
        }
    }

    /** The memory limit variable of device {@code i}, e.g. {@code CUDA_DEVICE_MEMORY_LIMIT_0}. */
    public static String memoryLimitVariable(int i) {
        if (i < 0 || i >= MAX_DEVICES) {
            throw new IllegalArgumentException("device index must lie in 0.." + (MAX_DEVICES - 1) + ": " + i);
        }
        return MEMORY_LIMIT_PREFIX + i;
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9._-]{0,200}\.cache} */
    private static boolean isCacheFileName(String name) {
        return name.endsWith(CACHE_SUFFIX) && AsciiText.isToken(name.substring(0, name.length() - CACHE_SUFFIX.length()), 201, "._-");
    }
}
