package io.hami.runtimehook.inject;

import io.hami.model.container.HamiCoreContainer;
import io.hami.model.container.HamiCoreLimits;
import io.hami.model.container.HamiCoreSettings;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.wire.WireFormatException;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.RuntimeHookConfig;
import io.hami.runtimehook.device.DeviceNode;
import io.hami.runtimehook.device.DeviceResolver;
import io.hami.runtimehook.device.HostDevices;
import io.hami.runtimehook.identity.CriAnnotations;
import io.hami.runtimehook.identity.PodIdentity;
import io.hami.runtimehook.oci.OciHook;
import io.hami.runtimehook.oci.OciHooks;
import io.hami.runtimehook.oci.RuntimeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Plans the edit of one {@code config.json}: a container whose environment carries a HAMi allocation (the variables
 * of HAMi's or our {@code Allocate}) gets the allocated GPUs' device nodes and cgroup rules, the control nodes, the
 * HAMi-core mounts it lacks, a shared-cache variable if it has none, and the {@code createRuntime} hook. A container
 * without an allocation gets nothing. Host paths come only from the configuration and from the validated pod
 * identity; a device only from a UUID the management library knows.
 */
public final class Injector {
    private static final Pattern CACHE_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.cache");
    /** {@link HamiCoreContainer#spec} names the region file, which the shim does not; this id only fills that slot. */
    private static final String UNUSED_CACHE_ID = "00000000-0000-0000-0000-000000000000";

    private final RuntimeHookConfig config;
    private final DeviceResolver resolver;
    private final HostDevices host;
    private final Supplier<String> cacheIds;

    /** A planner that draws fresh region file names from random UUIDs. */
    public Injector(RuntimeHookConfig config, DeviceResolver resolver) {
        this(config, resolver, new RandomIds());
    }

    /** A planner with its own source of region file names (tests). */
    public Injector(RuntimeHookConfig config, DeviceResolver resolver, Supplier<String> cacheIds) {
        this.config = config;
        this.resolver = resolver;
        this.host = new HostDevices(config);
        this.cacheIds = cacheIds;
    }

    /**
     * The edit for {@code spec}; empty when the container carries no HAMi allocation.
     *
     * @throws HookException when the allocation is malformed, names an unknown device, lacks a pod identity, or
     *                       HAMi-core is not installed where the configuration says
     */
    public Optional<AllocationPlan> plan(RuntimeSpec spec) throws HookException {
        var env = spec.env();
        Optional<HamiCoreLimits> found;
        try {
            found = HamiCoreLimits.fromEnv(env);
        } catch (WireFormatException e) {
            throw new HookException("process.env: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var limits = found.get();
        var pod = CriAnnotations.identity(spec.annotations()).orElseThrow(() -> new HookException(
                "annotations: the container carries a HAMi allocation but no pod identity (io.kubernetes.cri.sandbox-uid, …)"));
        var settings = config.settings();
        var addEnv = new LinkedHashMap<String, String>();
        checkSharedCache(limits, settings, addEnv);
        var devices = devices(limits);
        var mounts = MountPlan.missing(spec, config, pod, limits, disableControl(env));
        var hostDir = Path.of(settings.hostContainerDir(pod.container()));
        return Optional.of(new AllocationPlan(pod, limits, addEnv, devices, mounts, hook(spec), hostDir));
    }

    private void checkSharedCache(HamiCoreLimits limits, HamiCoreSettings settings, Map<String, String> addEnv) throws HookException {
        var vgpu = settings.vgpuDir();
        if (limits.sharedCache().isEmpty()) {
            addEnv.put(HamiCoreContainer.SHARED_CACHE, vgpu + "/" + cacheIds.get() + ".cache");
            return;
        }
        var path = limits.sharedCache().get();
        int slash = path.lastIndexOf('/');
        if (!path.substring(0, Math.max(slash, 0)).equals(vgpu) || !CACHE_FILE.matcher(path.substring(slash + 1)).matches()) {
            throw new HookException("process.env: " + HamiCoreContainer.SHARED_CACHE + ": expected " + vgpu + "/<name>.cache: "
                    + WireFormatException.quote(path));
        }
    }

    private List<DeviceNode> devices(HamiCoreLimits limits) throws HookException {
        var nodes = new ArrayList<DeviceNode>();
        var pattern = config.deviceNodes();
        for (var uuid : limits.visibleUuids()) {
            var path = pattern.nodeOf(resolver.minor(uuid));
            var node = host.require(path, "GPU " + uuid);
            if (nodes.stream().noneMatch(n -> n.path().equals(path))) {
                nodes.add(node);
            }
        }
        for (var shared : pattern.shared()) {
            host.find(shared).ifPresent(nodes::add);
        }
        return nodes;
    }

    private static boolean disableControl(Map<String, String> env) {
        var value = env.get(HamiCoreContainer.DISABLE_CONTROL);
        // Go's strconv.ParseBool, as HAMi's plugin reads it; anything else is false there too.
        return value != null && switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }

    private Optional<OciHook> hook(RuntimeSpec spec) {
        if (config.hookCommand().isEmpty()) {
            return Optional.empty();
        }
        var env = new ArrayList<String>();
        env.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        config.configFile().ifPresent(f -> env.add("HAMI_RUNTIME_CONFIG=" + f));
        var hook = new OciHook(config.hookCommand().get().toString(), List.of("hami", "hook", "createRuntime"), env,
                config.hookTimeout());
        var existing = spec.hooks().map(OciHooks::createRuntime).orElse(List.of());
        return existing.stream().anyMatch(h -> h.sameCommand(hook)) ? Optional.empty() : Optional.of(hook);
    }

    /** Applies {@code plan} to {@code spec}: variables, device nodes and cgroup rules, mounts, the hook. */
    public static void apply(RuntimeSpec spec, AllocationPlan plan) throws HookException {
        var linux = spec.linuxOrCreate();
        for (var node : plan.devices()) {
            var same = linux.devices().stream().filter(d -> node.path().equals(d.path())).toList();
            if (same.stream().anyMatch(d -> !node.sameDevice(d))) {
                throw new HookException("linux.devices: " + node.path() + " is already there with other numbers than the host's "
                        + node.major() + ":" + node.minor());
            }
        }
        var process = spec.process().orElseThrow(() -> new HookException("process: missing, but the allocation is in its env"));
        plan.env().forEach(process::addEnv);
        var resources = linux.resourcesOrCreate();
        for (var node : plan.devices()) {
            if (linux.devices().stream().noneMatch(d -> node.path().equals(d.path()))) {
                linux.addDevice(node.linuxDevice());
            }
            if (!resources.allowsCharDevice(node.major(), node.minor())) {
                resources.addDevice(node.allowRule());
            }
        }
        plan.mounts().forEach(spec::addMount);
        plan.hook().ifPresent(h -> spec.hooksOrCreate().addCreateRuntime(h));
    }

    /** The allocation as the device list {@link HamiCoreContainer#spec} takes (type, memory and cores as set). */
    static ContainerDevices containerDevices(HamiCoreLimits limits) {
        var list = new ArrayList<ContainerDevice>();
        var uuids = limits.visibleUuids();
        for (int i = 0; i < uuids.size(); i++) {
            list.add(new ContainerDevice(uuids.get(i), "NVIDIA", Math.toIntExact(limits.memoryMiB().get(i)), limits.smLimit().orElse(0)));
        }
        return new ContainerDevices(list);
    }

    static String unusedCacheId() {
        return UNUSED_CACHE_ID;
    }
}
